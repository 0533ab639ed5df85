import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart.js';
import type { ChartOption } from '../../../components/echarts.js';
import { useFormatter } from '../../../format/useFormatter.js';

/** The distribution of predicted CLV: a bar per tenth of the customers, the value at its upper edge. */
export function DecilesChart({ deciles }: { deciles: number[] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const option = useMemo((): ChartOption => {
    const share = (i: number) => f.percent((i + 1) / 10, 0);
    return {
      grid: { left: 88, right: 16, top: 16, bottom: 44 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const point = Array.isArray(params) ? params[0] : params;
          const value = point ? deciles[point.dataIndex] : undefined;
          return point && value !== undefined ? t('analytics.clv.deciles.point', { share: share(point.dataIndex), value: f.money(value) }) : '';
        },
      },
      xAxis: { type: 'category', data: deciles.map((_, i) => share(i)), name: t('analytics.clv.deciles.axis'), nameLocation: 'middle', nameGap: 28, axisTick: { show: false } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.money(v) } },
      series: [
        {
          type: 'bar',
          data: deciles,
          barMaxWidth: 40,
          itemStyle: { color: theme.colors.blue[6], borderRadius: [3, 3, 0, 0] },
        },
      ],
    };
  }, [deciles, t, f, theme]);
  return <EChart option={option} label={t('analytics.clv.deciles.chart')} height={280} />;
}
