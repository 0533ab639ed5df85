import { useSearchParams } from 'react-router';
import { useWorkspace } from '../../session/workspace-context.js';
import { type Period, presetEnd, readPeriod, todayIn, withPeriod } from './period-state.js';
import { useScoresSummary } from './summary.api.js';

/**
 * The analytics period of the address, the workspace's today, the day the presets end on (the KPI
 * index's last day while it is recent) and a way to choose another period. The analytics area waits
 * for the summary before its screens, so the period does not change under them once it comes.
 */
export function usePeriod(): { period: Period; today: string; end: string; setPeriod: (period: Period) => void } {
  const workspace = useWorkspace();
  const [params, setParams] = useSearchParams();
  const summary = useScoresSummary();
  const today = todayIn(workspace.timezone);
  const end = presetEnd(today, summary.data?.asOf ?? null);
  return {
    period: readPeriod(params, end),
    today,
    end,
    setPeriod: (next) => setParams((current) => withPeriod(current, next), { replace: true }),
  };
}
