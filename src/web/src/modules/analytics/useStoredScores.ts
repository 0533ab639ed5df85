import { useSearchParams } from 'react-router';
import type { ScoresSummary } from './analytics.types.js';
import { useScoresSummary } from './summary.api.js';

/** What an analytics screen shows: all history as of the last computation of the scores, or a period counted from orders. */
export type ScoresView = 'stored' | 'period';

/** The view of the address (?view=period; all history by default, which leaves the address clean) and a way to switch it. */
function useScoresView(): { view: ScoresView; setView: (view: ScoresView) => void } {
  const [params, setParams] = useSearchParams();
  return {
    view: params.get('view') === 'period' ? 'period' : 'stored',
    setView: (view) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (view === 'period') next.set('view', 'period');
          else next.delete('view');
          return next;
        },
        { replace: true },
      ),
  };
}

/**
 * What a screen with both views shows: `summary`, the last computation's when it has buyers (the
 * switch is offered only then); `stored`, that summary when the screen shows it (null: the other
 * view, the only one before such a computation); `view`, the one shown.
 */
export function useStoredScores(): { summary: ScoresSummary | null; stored: ScoresSummary | null; view: ScoresView; setView: (view: ScoresView) => void } {
  const { view, setView } = useScoresView();
  const data = useScoresSummary().data ?? null;
  const summary = data !== null && data.buyers > 0 ? data : null;
  const stored = view === 'stored' ? summary : null;
  return { summary, stored, view: stored ? 'stored' : 'period', setView };
}
