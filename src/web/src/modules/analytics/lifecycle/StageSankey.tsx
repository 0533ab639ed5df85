import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart.js';
import { chartFont, type ChartOption } from '../../../components/echarts.js';
import { useFormatter } from '../../../format/useFormatter.js';
import type { LifecycleStage, StageFlow } from '../analytics.types.js';
import { stageOrder, stageTotals } from './lifecycle-figures.js';
import { stageColor } from './stage-colors.js';

/** Props of StageSankey. */
export interface StageSankeyProps {
  flows: StageFlow[];
  /** The first and last day of the period, "YYYY-MM-DD". */
  from: string;
  to: string;
}

type Side = 'first' | 'last';

/** A Sankey diagram of the customers' moves from their stage on the first day (left) to their stage on the last (right). */
export function StageSankey({ flows, from, to }: StageSankeyProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const option = useMemo((): ChartOption => {
    const name = (stage: LifecycleStage) => t(`analytics.lifecycle.stages.${stage}.name`);
    // A stage appears once on each side; the same name on both would make a loop, which a Sankey cannot draw.
    const id = (side: Side, stage: LifecycleStage) => `${side}:${stage}`;
    const totals = stageTotals(flows);
    const nodes = (['first', 'last'] as const).flatMap((side) =>
      totals
        .filter((total) => total[side] > 0)
        .map((total) => ({ id: id(side, total.stage), side, stage: total.stage, customers: total[side] })),
    );
    const nodeOf = (nodeId: string) => nodes.find((n) => n.id === nodeId);
    const order = (stage: LifecycleStage) => stageOrder.indexOf(stage);
    const labelOf = (node: { stage: LifecycleStage; customers: number }) => `${name(node.stage)}: ${f.number(node.customers)}`;
    // Labels sit outside the nodes; each side's margin is its longest label's width, so none is cut at the edge.
    const margin = (side: Side) => Math.ceil(textWidth(nodes.filter((n) => n.side === side).map(labelOf), `${labelSize}px ${chartFont}`)) + labelGap + 8;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const point = Array.isArray(params) ? params[0] : params;
          if (!point) return '';
          if (point.dataType === 'edge') {
            const flow = flows[point.dataIndex];
            return flow ? t('analytics.lifecycle.flows.link', { from: name(flow.from), to: name(flow.to), customers: f.number(flow.customers) }) : '';
          }
          const node = nodeOf(point.name);
          return node
            ? t('analytics.lifecycle.flows.node', { stage: name(node.stage), day: f.day(node.side === 'first' ? from : to), customers: f.number(node.customers) })
            : '';
        },
      },
      series: [
        {
          type: 'sankey',
          left: margin('first'),
          right: margin('last'),
          top: 8,
          bottom: 8,
          nodeWidth: 16,
          nodeGap: 14,
          draggable: false,
          // Nodes stay in the order of the stages, top to bottom, instead of being rearranged.
          layoutIterations: 0,
          data: nodes
            .sort((a, b) => (a.side === b.side ? order(a.stage) - order(b.stage) : a.side === 'first' ? -1 : 1))
            .map((node) => ({
              name: node.id,
              depth: node.side === 'first' ? 0 : 1,
              itemStyle: { color: stageColor(theme, node.stage), borderWidth: 0 },
              label: { position: node.side === 'first' ? 'left' : 'right', distance: labelGap },
            })),
          links: flows.map((flow) => ({ source: id('first', flow.from), target: id('last', flow.to), value: flow.customers })),
          label: {
            color: theme.colors.dark[6],
            fontSize: labelSize,
            formatter: (params) => {
              const node = nodeOf(params.name);
              return node ? labelOf(node) : '';
            },
          },
          lineStyle: { color: 'source', opacity: 0.3, curveness: 0.5 },
          emphasis: { focus: 'adjacency', lineStyle: { opacity: 0.55 } },
        },
      ],
    };
  }, [flows, from, to, t, f, theme]);
  return <EChart option={option} label={t('analytics.lifecycle.flows.chart')} height={Math.max(260, 56 * new Set(flows.flatMap((fl) => [fl.from, fl.to])).size)} />;
}

const labelSize = 13;
const labelGap = 6;

// The width of the widest text in a font, in pixels (a generous guess where no canvas can measure).
function textWidth(texts: readonly string[], font: string): number {
  const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return Math.max(0, ...texts.map((text) => text.length * 8));
  context.font = font;
  return Math.max(0, ...texts.map((text) => context.measureText(text).width));
}
