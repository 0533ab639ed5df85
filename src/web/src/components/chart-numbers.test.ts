import { describe, expect, it } from 'vitest';
import type { ChartOption } from './echarts.js';
import { localeNumbersPatch } from './chart-numbers.js';

// What the patch makes of a tick value on each axis (null: the axis is left as it is).
function tickLabels(axes: ChartOption['yAxis'] | ChartOption['xAxis'], value: number): (string | null)[] {
  return (Array.isArray(axes) ? axes : [axes]).map((axis) => {
    const formatter: unknown = axis?.axisLabel?.formatter;
    return typeof formatter === 'function' ? String(formatter(value, 0)).replace(/\s/g, ' ') : null;
  });
}

describe('chart numbers in the interface language', () => {
  const stages: ChartOption = {
    xAxis: { type: 'category', data: ['01.04.2026'] },
    yAxis: { type: 'value', minInterval: 1 },
    tooltip: { trigger: 'axis' },
  };

  it('writes value axes and tooltip values as the language does: 21 000 in Russian, 21,000 in English', () => {
    const ru = localeNumbersPatch(stages, 'ru');
    expect(tickLabels(ru.yAxis, 21000)).toEqual(['21 000']);
    expect(tickLabels(ru.yAxis, 2.5)).toEqual(['2,5']);
    expect(tickLabels(ru.xAxis, 21000)).toEqual([null]);
    expect(tickLabels(localeNumbersPatch(stages, 'en').yAxis, 21000)).toEqual(['21,000']);
    const tooltip = ru.tooltip;
    const valueFormatter = tooltip && !Array.isArray(tooltip) ? tooltip.valueFormatter : undefined;
    expect(valueFormatter?.(1234567.5, 0).replace(/\s/g, ' ')).toBe('1 234 567,5');
  });

  it('leaves category axes and whatever a chart formats itself as they are, axis by axis', () => {
    const own = (v: number) => `${v} ₽`;
    const patch = localeNumbersPatch(
      { xAxis: { data: ['a'] }, yAxis: [{ type: 'value', axisLabel: { formatter: own } }, { axisLabel: { fontSize: 11 } }, { type: 'category' }], tooltip: { formatter: () => 'x' } },
      'ru',
    );
    expect(tickLabels(patch.xAxis, 21000)).toEqual([null]);
    // A y axis without a type is a value axis.
    expect(tickLabels(patch.yAxis, 21000)).toEqual([null, '21 000', null]);
    expect(patch.tooltip).toBeUndefined();
  });

  it('formats a value x axis as well (a Pareto curve, a scatter)', () => {
    expect(tickLabels(localeNumbersPatch({ xAxis: { type: 'value' }, yAxis: { type: 'category', data: [] } }, 'ru').xAxis, 1500)).toEqual(['1 500']);
  });
});
