import { EmptyState, Skeleton } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AbcXyzFigures } from './AbcXyzFigures.js';
import type { AbcXyzAnalysis } from './analytics.types.js';
import { AnalyticsPanel } from './AnalyticsPanel.js';
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
            <AbcXyzFigures cells={analysis.cells} golden={analysis.golden} pareto={analysis.pareto} />
          )
        }
      </QueryBlock>
    </AnalyticsPanel>
  );
}
