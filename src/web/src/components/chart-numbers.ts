import type { ChartOption } from './echarts.js';

// ECharts writes the numbers it formats itself (value axes' labels, tooltip values) with commas,
// "21,000", whatever the language. Every chart goes through EChart, which merges this patch into its
// option: what a chart leaves to ECharts is written in the interface language instead ("21 000" in
// Russian), and what a chart formats itself stays as it is.

type Axes = ChartOption['yAxis'] | ChartOption['xAxis'];
type Formatter = (value: number) => string;

/**
 * A patch for a chart's option (merged after it, axis by axis): label formatters for the value axes
 * and a tooltip value formatter in `locale`, where the option sets none of its own.
 */
export function localeNumbersPatch(option: ChartOption, locale: string): ChartOption {
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const format: Formatter = (value) => numbers.format(value);
  const patch: ChartOption = {};
  // An axis without a type is a category axis along the bottom and a value axis up the side.
  if (option.xAxis !== undefined) patch.xAxis = axisPatches(option.xAxis, 'category', format);
  if (option.yAxis !== undefined) patch.yAxis = axisPatches(option.yAxis, 'value', format);
  const tooltip = option.tooltip;
  if (tooltip !== undefined && !Array.isArray(tooltip) && tooltip.formatter === undefined && tooltip.valueFormatter === undefined) {
    patch.tooltip = { valueFormatter: (value) => (typeof value === 'number' ? format(value) : String(value ?? '')) };
  }
  return patch;
}

// One entry per axis, in order (ECharts merges arrays of components by index); empty for an axis left as it is.
function axisPatches(axes: NonNullable<Axes>, defaultType: 'category' | 'value', format: Formatter): { axisLabel?: { formatter: Formatter } }[] {
  return (Array.isArray(axes) ? axes : [axes]).map((axis) => {
    const type = axis.type ?? defaultType;
    if (type !== 'value' && type !== 'log') return {};
    return axis.axisLabel?.formatter === undefined ? { axisLabel: { formatter: format } } : {};
  });
}
