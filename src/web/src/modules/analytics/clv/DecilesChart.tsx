import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart.js';
import type { ChartOption } from '../../../components/echarts.js';
import { useFormatter } from '../../../format/useFormatter.js';
import type { ClvCustomers } from '../analytics.types.js';

/** Props of DecilesChart. */
export interface DecilesChartProps {
  groups: ClvCustomers['decileGroups'];
  /** The predicted CLV of all customers, minor units: each tenth's share of it. */
  total: number;
}

/**
 * The distribution of predicted CLV: a bar per tenth of the customers, least valuable first, as high
 * as the tenth's mean. A mean, not the tenth's highest value, so one customer far above the rest
 * does not stand for the whole top tenth; the tooltip gives the tenth's sum and share as well.
 */
export function DecilesChart({ groups, total }: DecilesChartProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const option = useMemo((): ChartOption => {
    const range = (i: number) => `${f.number(i * 10)}–${f.percent((i + 1) / 10, 0)}`;
    return {
      grid: { left: 88, right: 16, top: 36, bottom: 44 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const point = Array.isArray(params) ? params[0] : params;
          const group = point ? groups[point.dataIndex] : undefined;
          if (!point || !group) return '';
          return t('analytics.clv.deciles.point', {
            range: range(point.dataIndex),
            customers: f.number(group.customers),
            mean: f.money(group.mean),
            total: f.money(group.total),
            share: f.percent(total > 0 ? group.total / total : 0),
          });
        },
      },
      xAxis: { type: 'category', data: groups.map((_, i) => range(i)), name: t('analytics.clv.deciles.axis'), nameLocation: 'middle', nameGap: 28, axisTick: { show: false } },
      yAxis: {
        type: 'value',
        name: t('analytics.clv.deciles.valueAxis'),
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => f.money(v) },
      },
      series: [
        {
          type: 'bar',
          data: groups.map((g) => g.mean),
          barMaxWidth: 40,
          itemStyle: { color: theme.colors.blue[6], borderRadius: [3, 3, 0, 0] },
        },
      ],
    };
  }, [groups, total, t, f, theme]);
  return <EChart option={option} label={t('analytics.clv.deciles.chart')} height={300} />;
}
