import { useSearchParams } from 'react-router';

/** What an analytics screen shows: all history as of the last computation of the scores, or a period counted from orders. */
export type ScoresView = 'stored' | 'period';

/** The view of the address (?view=period; all history by default, which leaves the address clean) and a way to switch it. */
export function useScoresView(): { view: ScoresView; setView: (view: ScoresView) => void } {
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
