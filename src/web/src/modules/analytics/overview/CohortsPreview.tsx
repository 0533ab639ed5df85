import { Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { useCohorts } from '../analytics.api.js';
import { cohortMonths, nextMonthReturn } from '../cohorts/cohort-figures.js';
import type { Period } from '../period-state.js';
import { QueryBlock } from '../QueryBlock.js';
import { PreviewCard } from './PreviewCard.js';
import { PreviewFigure } from './PreviewFigure.js';

/** The overview's cohort card: of the customers who first bought in the period's months, the share who came back the next month. */
export function CohortsPreview({ period }: { period: Period }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const cohorts = useCohorts(cohortMonths(period));
  return (
    <PreviewCard section="cohorts" title={t('analytics.cohorts.title')}>
      <QueryBlock query={cohorts} loading={<Skeleton height={88} />}>
        {(analysis) => {
          const back = nextMonthReturn(analysis.cohorts, analysis.incompleteMonth);
          if (!back) {
            const followed = analysis.cohorts.some((c) => c.retention.length > 1);
            return (
              <Text size="sm" c="dimmed">
                {followed ? t('analytics.cohorts.empty') : t('analytics.overview.cohorts.tooShort')}
              </Text>
            );
          }
          return (
            <PreviewFigure
              label={t('analytics.overview.cohorts.nextMonth')}
              value={f.percent(back.returned / back.customers)}
              note={t('analytics.overview.cohorts.of', {
                returned: f.number(back.returned),
                customers: f.number(back.customers),
                from: f.month(back.from),
                to: f.month(back.to),
              })}
            />
          );
        }}
      </QueryBlock>
    </PreviewCard>
  );
}
