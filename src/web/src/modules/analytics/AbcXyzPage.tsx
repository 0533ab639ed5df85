import { Stack } from '@mantine/core';
import { AbcXyzSection } from './AbcXyzSection.js';
import { AbcXyzStoredSection } from './AbcXyzStoredSection.js';
import { useAbcXyz } from './analytics.api.js';
import { AnalyticsEmpty } from './AnalyticsEmpty.js';
import { PeriodBar } from './PeriodBar.js';
import { ScoresViewSwitch } from './ScoresViewSwitch.js';
import { usePeriod } from './usePeriod.js';
import { useStoredScores } from './useStoredScores.js';

/** The ABC/XYZ screen: all history as of the last computation (at once, opening the customers), or the period's purchases counted from orders. */
export function AbcXyzPage() {
  const { period } = usePeriod();
  const { summary, stored, view, setView } = useStoredScores();
  const abcXyz = useAbcXyz(period, stored === null);
  return (
    <Stack gap="md">
      {summary && <ScoresViewSwitch view={view} summary={summary} onChange={setView} />}
      {stored ? (
        <AbcXyzStoredSection summary={stored} />
      ) : (
        <>
          <PeriodBar />
          {/* A period without buyers says how to bring orders in rather than showing an empty section. */}
          {abcXyz.data?.customers === 0 ? <AnalyticsEmpty /> : <AbcXyzSection query={abcXyz} />}
        </>
      )}
    </Stack>
  );
}
