import { Grid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AbcXyzMatrix, type AbcXyzMatrixProps } from './AbcXyzMatrix.js';
import { GoldenTotals, type GoldenTotalsProps } from './GoldenTotals.js';
import { ParetoChart } from './ParetoChart.js';
import type { ComponentProps } from 'react';

/** Props of AbcXyzFigures: the matrix, the golden customers and the Pareto curve, with links where the customers can be listed. */
export interface AbcXyzFiguresProps {
  cells: AbcXyzMatrixProps['cells'];
  golden: GoldenTotalsProps['golden'];
  pareto: ComponentProps<typeof ParetoChart>['pareto'];
  cellLink?: AbcXyzMatrixProps['cellLink'];
  goldenLink?: string;
}

/** The 3×3 matrix with the golden customers, beside the Pareto curve. */
export function AbcXyzFigures({ cells, golden, pareto, cellLink, goldenLink }: AbcXyzFiguresProps) {
  const { t } = useTranslation();
  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap="md">
          <AbcXyzMatrix cells={cells} cellLink={cellLink} />
          <GoldenTotals golden={golden} customersLink={goldenLink} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Text fw={600} size="sm">
          {t('analytics.abc.pareto.title')}
        </Text>
        <ParetoChart pareto={pareto} />
      </Grid.Col>
    </Grid>
  );
}
