import { SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { AbcXyzSection } from './AbcXyzSection.js';
import { useAbcXyz, useKpis, useRfm } from './analytics.api.js';
import type { KpiComparison } from './analytics.types.js';
import { AnalyticsEmpty } from './AnalyticsEmpty.js';
import { KpiCards } from './KpiCards.js';
import { type Period, readPeriod, todayIn, writePeriod } from './period-state.js';
import { PeriodPicker } from './PeriodPicker.js';
import { QueryBlock } from './QueryBlock.js';
import { RfmSection } from './RfmSection.js';

/** The analytics screen: the period's KPIs against the previous period, RFM segments and ABC/XYZ, for a period in the address. */
export function AnalyticsPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [params, setParams] = useSearchParams();
  const today = todayIn(workspace.timezone);
  const period = readPeriod(params, today);
  // All three are asked at once; the KPIs decide whether there is anything to show.
  const kpis = useKpis(period);
  const rfm = useRfm(period);
  const abcXyz = useAbcXyz(period);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('analytics.title')}
      </Title>
      <div>
        <PeriodPicker value={period} today={today} onChange={(next) => setParams(writePeriod(next), { replace: true })} />
        <PeriodLine period={period} comparison={kpis.data} />
      </div>
      <QueryBlock query={kpis} loading={<KpiSkeleton />}>
        {(comparison) =>
          comparison.current.orders === 0 ? (
            <AnalyticsEmpty />
          ) : (
            <>
              <KpiCards comparison={comparison} busy={kpis.isPlaceholderData} />
              <RfmSection query={rfm} />
              <AbcXyzSection query={abcXyz} />
            </>
          )
        }
      </QueryBlock>
    </Stack>
  );
}

// The days the figures cover and, once known, the previous period they are compared with.
function PeriodLine({ period, comparison }: { period: Period; comparison: KpiComparison | undefined }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const previous = comparison?.current.from === period.from && comparison.current.to === period.to ? comparison.previous : null;
  return (
    <Text size="sm" c="dimmed" mt={8}>
      {t('analytics.period.shown', { from: f.day(period.from), to: f.day(period.to) })}
      {previous && ` · ${t('analytics.period.compared', { from: f.day(previous.from), to: f.day(previous.to) })}`}
    </Text>
  );
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
