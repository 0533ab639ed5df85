import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../session/workspace-context.js';
import { AbcXyzFigures } from './AbcXyzFigures.js';
import type { ScoresSummary } from './analytics.types.js';
import { AnalyticsPanel } from './AnalyticsPanel.js';
import { abcXyzCustomers } from './customer-links.js';

/** ABC/XYZ over all history as of the last computation of the scores: a cell or the golden customers open their customers. */
export function AbcXyzStoredSection({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { cells, golden, pareto } = summary.abcXyz;
  return (
    <AnalyticsPanel title={t('analytics.abc.title')} intro={t('analytics.scores.abcIntro')} busy={false}>
      <AbcXyzFigures cells={cells} golden={golden} pareto={pareto} cellLink={(cell) => abcXyzCustomers(workspace.id, [cell])} goldenLink={abcXyzCustomers(workspace.id, ['AX', 'AY'])} />
    </AnalyticsPanel>
  );
}
