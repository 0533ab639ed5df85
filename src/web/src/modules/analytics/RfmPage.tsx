import { Stack } from '@mantine/core';
import { useRfm } from './analytics.api.js';
import { AnalyticsEmpty } from './AnalyticsEmpty.js';
import { PeriodBar } from './PeriodBar.js';
import { RfmSection } from './RfmSection.js';
import { usePeriod } from './usePeriod.js';

/** The RFM screen: the R×F heatmap and the segments of the period's buyers. */
export function RfmPage() {
  const { period } = usePeriod();
  const rfm = useRfm(period);
  return (
    <Stack gap="md">
      <PeriodBar />
      {/* A period without buyers says how to bring orders in rather than showing an empty section. */}
      {rfm.data?.customers === 0 ? <AnalyticsEmpty /> : <RfmSection query={rfm} />}
    </Stack>
  );
}
