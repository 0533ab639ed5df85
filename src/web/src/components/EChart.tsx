import type { EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { localeNumbersPatch } from './chart-numbers.js';
import { type ChartOption, chartFont, init } from './echarts.js';

/** Props of EChart. */
export interface EChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the chart itself is a picture to them). */
  label: string;
  height: number;
  /** Called with the index of the data item clicked, when the chart's items lead somewhere. */
  onItemClick?: (dataIndex: number) => void;
}

/** An Apache ECharts chart: drawn on a canvas, redrawn when the option or the language changes, resized with its container; numbers the option leaves to ECharts are written in the interface language. */
export function EChart({ option, label, height, onItemClick }: EChartProps) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  // The latest handler, so a new one (each render makes one) needs no new listener.
  const clicked = useRef(onItemClick);
  clicked.current = onItemClick;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clicked.current?.(params.dataIndex));
    // The navigation folding away or a window resize changes the width without a window event.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a new option replaces the old one whole, so a series or cell left out disappears.
    chart.current?.setOption({ textStyle: { fontFamily: chartFont }, ...option }, { notMerge: true });
    chart.current?.setOption(localeNumbersPatch(option, locale));
  }, [option, locale]);

  return <div ref={container} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
