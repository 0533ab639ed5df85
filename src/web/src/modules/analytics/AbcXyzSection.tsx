import { EmptyState, Grid, Skeleton, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AbcXyzMatrix } from './AbcXyzMatrix.js';
import type { AbcXyzAnalysis } from './analytics.types.js';
import { AnalyticsPanel } from './AnalyticsPanel.js';
import { GoldenTotals } from './GoldenTotals.js';
import { ParetoChart } from './ParetoChart.js';
import { QueryBlock } from './QueryBlock.js';

/** The ABC/XYZ analysis of the period: the 3×3 matrix with the golden customers, beside the Pareto curve. */
export function AbcXyzSection({ query }: { query: UseQueryResult<AbcXyzAnalysis> }) {
  const { t } = useTranslation();
  return (
    <AnalyticsPanel title={t('analytics.abc.title')} intro={t('analytics.abc.intro')} busy={query.isPlaceholderData}>
      <QueryBlock query={query} loading={<Skeleton height={320} />}>
        {(analysis) =>
          analysis.customers === 0 ? (
            <EmptyState py="lg" title={t('analytics.empty.section')} />
          ) : (
            <Grid gap="xl">
              <Grid.Col span={{ base: 12, lg: 6 }}>
                <Stack gap="md">
                  <AbcXyzMatrix cells={analysis.cells} />
                  <GoldenTotals golden={analysis.golden} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 6 }}>
                <Text fw={600} size="sm">
                  {t('analytics.abc.pareto.title')}
                </Text>
                <ParetoChart pareto={analysis.pareto} />
              </Grid.Col>
            </Grid>
          )
        }
      </QueryBlock>
    </AnalyticsPanel>
  );
}
