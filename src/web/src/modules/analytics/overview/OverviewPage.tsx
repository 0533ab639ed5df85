import { SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { useKpis } from '../analytics.api.js';
import type { KpiComparison } from '../analytics.types.js';
import { AnalyticsEmpty } from '../AnalyticsEmpty.js';
import { KpiCards } from '../KpiCards.js';
import type { Period } from '../period-state.js';
import { PeriodBar } from '../PeriodBar.js';
import { QueryBlock } from '../QueryBlock.js';
import { usePeriod } from '../usePeriod.js';
import { AbcXyzPreview } from './AbcXyzPreview.js';
import { ClvPreview } from './ClvPreview.js';
import { CohortsPreview } from './CohortsPreview.js';
import { LifecyclePreview } from './LifecyclePreview.js';
import { RfmPreview } from './RfmPreview.js';

/** The analytics overview and the workspace's home screen: the period's KPIs against the previous period, and a card per analytics screen. */
export function OverviewPage() {
  const { t } = useTranslation();
  const f = useFormatter();
  const { period, today } = usePeriod();
  const kpis = useKpis(period);
  const previous = previousPeriod(period, kpis.data);
  return (
    <Stack gap="md">
      <PeriodBar note={previous && t('analytics.period.compared', { from: f.day(previous.from), to: f.day(previous.to) })} />
      <QueryBlock query={kpis} loading={<KpiSkeleton />}>
        {(comparison) =>
          comparison.current.orders === 0 ? (
            <AnalyticsEmpty />
          ) : (
            <>
              <KpiCards comparison={comparison} busy={kpis.isPlaceholderData} />
              {/* Each card asks for its own figures, so a slow one (CLV fits a model) holds up nobody. */}
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                <RfmPreview period={period} />
                <AbcXyzPreview period={period} />
                <LifecyclePreview period={period} />
                <CohortsPreview period={period} />
                <ClvPreview today={today} />
              </SimpleGrid>
            </>
          )
        }
      </QueryBlock>
    </Stack>
  );
}

// The previous period the figures are compared with, once known for the period shown.
function previousPeriod(period: Period, comparison: KpiComparison | undefined): KpiComparison['previous'] | null {
  return comparison?.current.from === period.from && comparison.current.to === period.to ? comparison.previous : null;
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
