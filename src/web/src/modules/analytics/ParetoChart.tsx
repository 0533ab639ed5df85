import { Text, useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart.js';
import type { ChartOption } from '../../components/echarts.js';
import { useFormatter } from '../../format/useFormatter.js';
import type { AbcXyzAnalysis } from './analytics.types.js';

type ParetoPoint = AbcXyzAnalysis['pareto'][number];

/** The Pareto curve: the share of revenue the top share of customers bring, with a dashed line at 80 % of revenue. */
export function ParetoChart({ pareto }: { pareto: ParetoPoint[] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const { option, summary } = useMemo(() => {
    const pointText = (p: ParetoPoint) => t('analytics.abc.pareto.point', { customers: f.percent(p.customerShare, 0), revenue: f.percent(p.revenueShare) });
    const shareAxis = { type: 'value', min: 0, max: 1, interval: 0.2, nameLocation: 'middle', axisLabel: { formatter: (v: number) => f.percent(v, 0) } } as const;
    const chart: ChartOption = {
      grid: { left: 56, right: 16, top: 16, bottom: 44 },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const point = Array.isArray(params) ? params[0] : params;
          const value = point ? pareto[point.dataIndex] : undefined;
          return value ? pointText(value) : '';
        },
      },
      xAxis: { ...shareAxis, name: t('analytics.abc.pareto.customers'), nameGap: 28 },
      yAxis: { ...shareAxis, name: t('analytics.abc.pareto.revenue'), nameGap: 44 },
      series: [
        {
          type: 'line',
          data: pareto.map((p) => [p.customerShare, p.revenueShare]),
          showSymbol: false,
          lineStyle: { width: 2.5, color: theme.colors.blue[6] },
          itemStyle: { color: theme.colors.blue[6] },
          areaStyle: { color: theme.colors.blue[6], opacity: 0.08 },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: theme.colors.orange[6], width: 1.5 },
            label: { formatter: t('analytics.abc.pareto.reference'), position: 'insideStartTop', color: theme.colors.orange[8] },
            data: [{ yAxis: 0.8 }],
          },
        },
      ],
    };
    // The classic 80/20 check: what the top fifth of the customers bring.
    const fifth = pareto.find((p) => Math.abs(p.customerShare - 0.2) < 1e-9);
    return { option: chart, summary: fifth ? pointText(fifth) : null };
  }, [pareto, t, f, theme]);
  return (
    <>
      {summary && (
        <Text size="sm" c="dimmed" mt={2}>
          {summary}
        </Text>
      )}
      <EChart option={option} label={t('analytics.abc.pareto.chart')} height={300} />
    </>
  );
}
