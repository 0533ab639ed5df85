import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../../../platform/roles.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import { RecomputeButton } from '../../customers/RecomputeButton.js';
import { useScoresStatus } from '../../customers/scores.api.js';

/** What the overview says before the first computation of the scores: what they are and, for those who may, the button computing them. */
export function ScoresPending() {
  const { t } = useTranslation();
  const { role } = useWorkspace();
  const everyHours = useScoresStatus().data?.everyHours ?? 0;
  const mayCompute = roleAllows(role, 'analytics:write');
  const next = mayCompute
    ? everyHours > 0
      ? t('analytics.scores.pending.compute', { hours: everyHours })
      : t('analytics.scores.pending.computeOnRequest')
    : everyHours > 0
      ? t('analytics.scores.pending.schedule', { hours: everyHours })
      : t('analytics.scores.pending.onRequest');
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={t('analytics.scores.pending.title')}>
      <Stack gap="xs">
        <Text fw={650}>{t('analytics.scores.pending.title')}</Text>
        <Text size="sm" c="dimmed" maw={820}>
          {t('analytics.scores.pending.text')} {next}
        </Text>
        <Group>
          <RecomputeButton />
        </Group>
      </Stack>
    </Paper>
  );
}
