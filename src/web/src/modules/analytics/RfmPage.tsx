import { Stack } from '@mantine/core';
import { useRfm } from './analytics.api.js';
import { AnalyticsEmpty } from './AnalyticsEmpty.js';
import { PeriodBar } from './PeriodBar.js';
import { RfmSection } from './RfmSection.js';
import { RfmStoredSection } from './RfmStoredSection.js';
import { ScoresViewSwitch } from './ScoresViewSwitch.js';
import { usePeriod } from './usePeriod.js';
import { useStoredScores } from './useStoredScores.js';

/** The RFM screen: all history as of the last computation (at once, opening the customers), or the period's buyers counted from orders. */
export function RfmPage() {
  const { period } = usePeriod();
  const { summary, stored, view, setView } = useStoredScores();
  const rfm = useRfm(period, stored === null);
  return (
    <Stack gap="md">
      {summary && <ScoresViewSwitch view={view} summary={summary} onChange={setView} />}
      {stored ? (
        <RfmStoredSection summary={stored} />
      ) : (
        <>
          <PeriodBar />
          {/* A period without buyers says how to bring orders in rather than showing an empty section. */}
          {rfm.data?.customers === 0 ? <AnalyticsEmpty /> : <RfmSection query={rfm} />}
        </>
      )}
    </Stack>
  );
}
