import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { useCohorts } from '../analytics.api.js';
import { AnalyticsEmpty } from '../AnalyticsEmpty.js';
import { AnalyticsPanel } from '../AnalyticsPanel.js';
import { PeriodBar } from '../PeriodBar.js';
import { QueryBlock } from '../QueryBlock.js';
import { usePeriod } from '../usePeriod.js';
import { cohortMonths } from './cohort-figures.js';
import { CohortHeatmap } from './CohortHeatmap.js';

/** The cohort screen: retention of the customers who first bought in each month of the period. */
export function CohortsPage() {
  const { t } = useTranslation();
  const f = useFormatter();
  const { period } = usePeriod();
  const months = cohortMonths(period);
  const cohorts = useCohorts(months);
  return (
    <Stack gap="md">
      <PeriodBar note={t('analytics.cohorts.months', { from: f.month(months.from), to: f.month(months.to) })} />
      <QueryBlock query={cohorts} loading={<Skeleton height={360} radius="md" />}>
        {(analysis) =>
          analysis.cohorts.every((c) => c.customers === 0) ? (
            <AnalyticsEmpty title={t('analytics.cohorts.empty')} />
          ) : (
            <AnalyticsPanel title={t('analytics.cohorts.title')} intro={t('analytics.cohorts.intro')} busy={cohorts.isPlaceholderData}>
              <CohortHeatmap analysis={analysis} />
            </AnalyticsPanel>
          )
        }
      </QueryBlock>
    </Stack>
  );
}
