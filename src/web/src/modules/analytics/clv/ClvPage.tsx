import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScoresViewSwitch } from '../ScoresViewSwitch.js';
import { useScoresSummary } from '../summary.api.js';
import { useScoresView } from '../useScoresView.js';
import { ClvFitView } from './ClvFitView.js';
import { ClvStoredView } from './ClvStoredView.js';

/** The CLV screen: the predictions of the last computation of the scores (at once), or the models fitted for a day of one's choice. */
export function ClvPage() {
  const { t } = useTranslation();
  const { view, setView } = useScoresView();
  const summary = useScoresSummary().data ?? null;
  // Before the first computation only a fit on request can be shown.
  const stored = view === 'stored' && summary !== null && summary.buyers > 0 ? summary : null;
  return (
    <Stack gap="md">
      {summary !== null && summary.buyers > 0 && (
        <ScoresViewSwitch
          view={stored ? 'stored' : 'period'}
          summary={summary}
          onChange={setView}
          other={{ label: t('analytics.scores.clv.fit'), note: t('analytics.scores.clv.fitNote') }}
        />
      )}
      {stored ? <ClvStoredView summary={stored} /> : <ClvFitView />}
    </Stack>
  );
}
