import { Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { ScoresStatusLine } from '../../customers/ScoresStatusLine.js';
import type { ScoresSummary } from '../analytics.types.js';
import { AbcXyzPreview } from './AbcXyzPreview.js';
import { ClvPreview } from './ClvPreview.js';
import { LifecyclePreview } from './LifecyclePreview.js';
import { RfmPreview } from './RfmPreview.js';

/**
 * The overview's customer base as of the last computation of the scores, read from its summary (one
 * stored row, at once at any size), with how fresh it is and the way to recompute.
 */
export function StoredOverview({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  return (
    <Stack gap="sm" component="section" aria-label={t('analytics.scores.heading')}>
      <Group justify="space-between" align="flex-end" gap="xs">
        <div>
          <Title order={2} size="h4">
            {t('analytics.scores.heading')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('analytics.scores.asOf', { time: f.dateTime(summary.computedAt) })}
          </Text>
        </div>
        <ScoresStatusLine />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <RfmPreview summary={summary} />
        <AbcXyzPreview summary={summary} />
        <LifecyclePreview summary={summary} />
        <ClvPreview summary={summary} />
      </SimpleGrid>
    </Stack>
  );
}
