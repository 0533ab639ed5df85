import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart.js';
import type { ChartOption } from '../../components/echarts.js';
import { useFormatter } from '../../format/useFormatter.js';
import type { RfmCell } from './analytics.types.js';
import { frequencyBinLabels } from './frequency-bins.js';
import { mixColor, readableOn } from './heat-colors.js';

const scores = ['1', '2', '3', '4', '5'];

/** Props of RfmHeatmap. */
export interface RfmHeatmapProps {
  cells: RfmCell[];
  /** The purchase days F 2–5 start at (null: F by quintiles or the workspace's thresholds). */
  frequencyCuts: readonly number[] | null;
  /** Called with a cell clicked (one with customers), when the cells lead to their customers. */
  onCellClick?: (cell: RfmCell) => void;
}

/**
 * The R×F heatmap: recency up the side (5, the most recent, at the top), frequency along the bottom
 * (as purchase days when F is scored by them), coloured by customers, each figure dark or white
 * whichever reads better on its cell.
 */
export function RfmHeatmap({ cells, frequencyCuts, onCellClick }: RfmHeatmapProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const clickable = onCellClick !== undefined;
  const option = useMemo((): ChartOption => {
    const most = Math.max(1, ...cells.map((c) => c.customers));
    const stops = [theme.colors.gray[0], theme.colors.blue[2], theme.colors.blue[8]];
    const bins = frequencyBinLabels(frequencyCuts);
    return {
      grid: { left: 44, right: 8, top: 8, bottom: 44 },
      tooltip: {
        formatter: (params) => {
          const point = Array.isArray(params) ? params[0] : params;
          const cell = point ? cells[point.dataIndex] : undefined;
          if (!cell) return '';
          return [
            `<b>${t('analytics.rfm.cell', { r: cell.r, f: cell.f })}</b>`,
            t('analytics.rfm.cellCustomers', { value: f.number(cell.customers) }),
            t('analytics.rfm.cellRevenue', { value: f.money(cell.revenue) }),
            ...(clickable && cell.customers > 0 ? [`<i>${t('analytics.scores.cellHint')}</i>`] : []),
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: frequencyCuts ? bins : scores,
        name: frequencyCuts ? t('analytics.rfm.frequencyDays') : t('analytics.rfm.frequency'),
        nameLocation: 'middle',
        nameGap: 28,
        axisTick: { show: false },
        axisLine: { show: false },
      },
      // The chart colours the cells by this visual map (ECharts needs one for a heatmap); mixColor is the same
      // even mix of the stops, so each figure's colour is chosen for the colour its cell gets.
      visualMap: { type: 'continuous', show: false, min: 0, max: most, dimension: 2, inRange: { color: stops } },
      yAxis: { type: 'category', data: scores, name: t('analytics.rfm.recency'), nameLocation: 'middle', nameGap: 28, axisTick: { show: false }, axisLine: { show: false } },
      series: [
        {
          type: 'heatmap',
          // Cells are [F − 1, R − 1, customers]; a category axis runs from the bottom, so R 5 is on top.
          data: cells.map((c) => {
            const color = mixColor(stops, c.customers / most);
            return {
              value: [c.f - 1, c.r - 1, c.customers],
              // Empty cells stay blank so the filled ones stand out.
              label: { show: c.customers > 0, color: readableOn(color, theme.white, theme.black) },
            };
          }),
          label: { show: true, fontSize: 14, fontWeight: 600, formatter: (params) => f.number(cells[params.dataIndex]?.customers ?? 0) },
          cursor: clickable ? 'pointer' : 'default',
          itemStyle: { borderColor: theme.white, borderWidth: 3, borderRadius: 4 },
          emphasis: { itemStyle: { borderColor: theme.colors.dark[4] } },
        },
      ],
    };
  }, [cells, frequencyCuts, t, f, theme, clickable]);
  const click = onCellClick
    ? (index: number) => {
        const cell = cells[index];
        if (cell && cell.customers > 0) onCellClick(cell);
      }
    : undefined;
  return <EChart option={option} label={t('analytics.rfm.heatmap')} height={320} onItemClick={click} />;
}
