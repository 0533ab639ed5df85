import { Grid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../session/workspace-context.js';
import { AbcXyzMatrix } from './AbcXyzMatrix.js';
import type { ScoresSummary } from './analytics.types.js';
import { AnalyticsPanel } from './AnalyticsPanel.js';
import { abcXyzCustomers } from './customer-links.js';
import { GoldenTotals } from './GoldenTotals.js';
import { ParetoChart } from './ParetoChart.js';

/** ABC/XYZ over all history as of the last computation of the scores: a cell or the golden customers open their customers. */
export function AbcXyzStoredSection({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { cells, golden, pareto } = summary.abcXyz;
  return (
    <AnalyticsPanel title={t('analytics.abc.title')} intro={t('analytics.scores.abcIntro')} busy={false}>
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <AbcXyzMatrix cells={cells} cellLink={(cell) => abcXyzCustomers(workspace.id, [cell])} />
            <GoldenTotals golden={golden} customersLink={abcXyzCustomers(workspace.id, ['AX', 'AY'])} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Text fw={600} size="sm">
            {t('analytics.abc.pareto.title')}
          </Text>
          <ParetoChart pareto={pareto} />
        </Grid.Col>
      </Grid>
    </AnalyticsPanel>
  );
}
