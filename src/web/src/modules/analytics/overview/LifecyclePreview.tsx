import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import { stages as allStages } from '../../customers/score-values.js';
import type { ScoresSummary } from '../analytics.types.js';
import { stageCustomers } from '../customer-links.js';
import { PreviewCard } from './PreviewCard.js';
import { PreviewFigure } from './PreviewFigure.js';

/** The overview's lifecycle card as of the last computation: customers per stage (each opening its list), the churn window and the average customer lifetime. */
export function LifecyclePreview({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const stages = allStages.filter((stage) => summary.stages[stage] > 0);
  const { churnedAverageDays, tenureAverageDays } = summary.lifetime;
  return (
    <PreviewCard section="lifecycle" title={t('analytics.lifecycle.title')}>
      <Stack gap="sm">
        <Stack gap={4} role="list" aria-label={t('analytics.scores.lifecycle.stages')}>
          {stages.map((stage) => (
            <Group key={stage} justify="space-between" wrap="nowrap" role="listitem">
              <Anchor component={Link} to={stageCustomers(workspace.id, stage)} size="sm" fw={500}>
                {t(`analytics.lifecycle.stages.${stage}.name`)}
              </Anchor>
              <Text size="sm">{f.number(summary.stages[stage])}</Text>
            </Group>
          ))}
        </Stack>
        <Text size="sm" c="dimmed">
          {t('analytics.scores.lifecycle.window', { days: f.number(summary.churnDays) })}
        </Text>
        <PreviewFigure
          label={t('analytics.scores.lifecycle.lifetime')}
          value={churnedAverageDays === null ? '—' : t('analytics.scores.lifecycle.lifetimeValue', { days: f.decimal(churnedAverageDays, 0) })}
          note={
            churnedAverageDays === null
              ? t('analytics.scores.lifecycle.noLifetime')
              : t('analytics.scores.lifecycle.lifetimeNote', { tenure: f.decimal(tenureAverageDays ?? 0, 0) })
          }
        />
      </Stack>
    </PreviewCard>
  );
}

