import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart.js';
import type { ChartOption } from '../../../components/echarts.js';
import { useFormatter } from '../../../format/useFormatter.js';
import type { LifecycleStage, StageCountsOnDay } from '../analytics.types.js';
import { stageColor } from './stage-colors.js';

/** Props of StageChart. */
export interface StageChartProps {
  counts: StageCountsOnDay[];
  stages: LifecycleStage[];
}

/** Customers per lifecycle stage at each checkpoint (month ends and the last day), as stacked bars. */
export function StageChart({ counts, stages }: StageChartProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const option = useMemo((): ChartOption => {
    const name = (stage: LifecycleStage) => t(`analytics.lifecycle.stages.${stage}.name`);
    return {
      grid: { left: 48, right: 16, top: 48, bottom: 32 },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12, data: stages.map(name) },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const points = Array.isArray(params) ? params : [params];
          const checkpoint = counts[points[0]?.dataIndex ?? -1];
          if (!checkpoint) return '';
          // Top of the stack first, as the eye reads the bar.
          const lines = [...stages].reverse().map((stage) => `${name(stage)}: ${f.number(checkpoint[stage])}`);
          return [`<b>${f.day(checkpoint.day)}</b>`, ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: counts.map((c) => f.shortDay(c.day)), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1, name: t('analytics.lifecycle.overTime.customers'), nameTextStyle: { align: 'left' } },
      series: stages.map((stage) => ({
        type: 'bar',
        name: name(stage),
        stack: 'customers',
        barMaxWidth: 56,
        itemStyle: { color: stageColor(theme, stage) },
        emphasis: { focus: 'series' },
        data: counts.map((c) => c[stage]),
      })),
    };
  }, [counts, stages, t, f, theme]);
  return <EChart option={option} label={t('analytics.lifecycle.overTime.chart')} height={340} />;
}
