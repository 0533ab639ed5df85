import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KpiComparison } from './analytics.types.js';
import { KpiCard } from './KpiCard.js';
import { kpiSpecs, kpiValue } from './kpi-metrics.js';

/** The period's KPIs as cards, each beside the previous period's value and the change. */
export function KpiCards({ comparison, busy }: { comparison: KpiComparison; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid
      cols={{ base: 1, xs: 2, md: 3 }}
      spacing="sm"
      role="list"
      aria-label={t('analytics.kpi.title')}
      aria-busy={busy}
      style={{ opacity: busy ? 0.55 : 1, transition: 'opacity 120ms' }}
    >
      {kpiSpecs.map((spec) => (
        <KpiCard
          key={spec.key}
          spec={spec}
          current={kpiValue(comparison.current, spec.key)}
          previous={kpiValue(comparison.previous, spec.key)}
          activeDays={comparison.activeDays}
        />
      ))}
    </SimpleGrid>
  );
}
