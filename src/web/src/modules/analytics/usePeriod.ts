import { useSearchParams } from 'react-router';
import { useWorkspace } from '../../session/workspace-context.js';
import { type Period, readPeriod, todayIn, withPeriod } from './period-state.js';

/** The analytics period of the address, the workspace's today, and a way to choose another period. */
export function usePeriod(): { period: Period; today: string; setPeriod: (period: Period) => void } {
  const workspace = useWorkspace();
  const [params, setParams] = useSearchParams();
  const today = todayIn(workspace.timezone);
  return {
    period: readPeriod(params, today),
    today,
    setPeriod: (next) => setParams((current) => withPeriod(current, next), { replace: true }),
  };
}
