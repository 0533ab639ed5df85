import { SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { useKpis } from '../analytics.api.js';
import type { KpiComparison } from '../analytics.types.js';
import { AnalyticsEmpty } from '../AnalyticsEmpty.js';
import { KpiCards } from '../KpiCards.js';
import { kpiSourceNote } from '../kpi-source.js';
import type { Period } from '../period-state.js';
import { PeriodBar } from '../PeriodBar.js';
import { QueryBlock } from '../QueryBlock.js';
import { useScoresSummary } from '../summary.api.js';
import { usePeriod } from '../usePeriod.js';
import { CohortsPreview } from './CohortsPreview.js';
import { ScoresPending } from './ScoresPending.js';
import { StoredOverview } from './StoredOverview.js';

/**
 * The analytics overview and the workspace's home screen: the period's KPIs against the previous
 * period (from the KPI index while the period ends on its last day), the cohorts of the period, and
 * the customer base as of the last computation of the scores. Nothing here fits a model or scans
 * every customer's orders for the base.
 */
export function OverviewPage() {
  const { t } = useTranslation();
  const f = useFormatter();
  const { period } = usePeriod();
  const kpis = useKpis(period);
  const summary = useScoresSummary();
  const shown = shownComparison(period, kpis.data);
  const note = shown && [t('analytics.period.compared', { from: f.day(shown.previous.from), to: f.day(shown.previous.to) }), kpiSourceNote(shown, t, f)].join(' · ');
  const stored = summary.data ?? null;
  return (
    <Stack gap="md">
      <PeriodBar note={note} />
      <QueryBlock query={kpis} loading={<KpiSkeleton />}>
        {(comparison) =>
          comparison.current.orders === 0 ? (
            <AnalyticsEmpty />
          ) : (
            <>
              <KpiCards comparison={comparison} busy={kpis.isPlaceholderData} />
              {stored === null && <ScoresPending />}
            </>
          )
        }
      </QueryBlock>
      {stored !== null && stored.buyers > 0 && <StoredOverview summary={stored} />}
      {/* The cohorts follow the period, so they come after the customer base as of the computation. */}
      {kpis.data !== undefined && kpis.data.current.orders > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <CohortsPreview period={period} />
        </SimpleGrid>
      )}
    </Stack>
  );
}

// The comparison of the period shown, once known for it.
function shownComparison(period: Period, comparison: KpiComparison | undefined): KpiComparison | null {
  return comparison?.current.from === period.from && comparison.current.to === period.to ? comparison : null;
}

function KpiSkeleton() {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" role="status" aria-label={t('common.loading')}>
      {Array.from({ length: 9 }, (_, i) => (
        <Skeleton key={i} height={118} radius="md" />
      ))}
    </SimpleGrid>
  );
}
