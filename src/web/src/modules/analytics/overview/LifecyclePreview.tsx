import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import type { ScoresSummary } from '../analytics.types.js';
import { StoredStageList } from '../lifecycle/StoredStageList.js';
import { PreviewCard } from './PreviewCard.js';
import { PreviewFigure } from './PreviewFigure.js';

/** The overview's lifecycle card as of the last computation: customers per stage (each opening its list), the churn window and the average customer lifetime. */
export function LifecyclePreview({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { churnedAverageDays, tenureAverageDays } = summary.lifetime;
  return (
    <PreviewCard section="lifecycle" title={t('analytics.lifecycle.title')}>
      <Stack gap="sm">
        <StoredStageList summary={summary} />
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

