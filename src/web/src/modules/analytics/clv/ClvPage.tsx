import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScoresViewSwitch } from '../ScoresViewSwitch.js';
import { useStoredScores } from '../useStoredScores.js';
import { ClvFitView } from './ClvFitView.js';
import { ClvStoredView } from './ClvStoredView.js';

/** The CLV screen: the predictions of the last computation of the scores (at once), or the models fitted for a day of one's choice. */
export function ClvPage() {
  const { t } = useTranslation();
  const { summary, stored, view, setView } = useStoredScores();
  return (
    <Stack gap="md">
      {summary && (
        <ScoresViewSwitch
          view={view}
          summary={summary}
          onChange={setView}
          other={{ label: t('analytics.scores.clv.fit'), note: t('analytics.scores.clv.fitNote') }}
        />
      )}
      {stored ? <ClvStoredView summary={stored} /> : <ClvFitView />}
    </Stack>
  );
}
