import { Stack } from '@mantine/core';
import { AbcXyzSection } from './AbcXyzSection.js';
import { useAbcXyz } from './analytics.api.js';
import { AnalyticsEmpty } from './AnalyticsEmpty.js';
import { PeriodBar } from './PeriodBar.js';
import { usePeriod } from './usePeriod.js';

/** The ABC/XYZ screen: the 3×3 matrix, the golden customers and the Pareto curve of the period. */
export function AbcXyzPage() {
  const { period } = usePeriod();
  const abcXyz = useAbcXyz(period);
  return (
    <Stack gap="md">
      <PeriodBar />
      {/* A period without buyers says how to bring orders in rather than showing an empty section. */}
      {abcXyz.data?.customers === 0 ? <AnalyticsEmpty /> : <AbcXyzSection query={abcXyz} />}
    </Stack>
  );
}
