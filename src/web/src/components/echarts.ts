import { BarChart, type BarSeriesOption, HeatmapChart, type HeatmapSeriesOption, LineChart, type LineSeriesOption, SankeyChart, type SankeySeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
  VisualMapContinuousComponent,
  type VisualMapComponentOption,
} from 'echarts/components';
import { type ComposeOption, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { theme } from '../theme.js';

// The app's one door to Apache ECharts: only the charts and components the screens use are
// registered, so the bundle carries a fraction of the library. A chart type joins here first.
use([
  BarChart,
  HeatmapChart,
  LineChart,
  SankeyChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

/** Options of a chart built from the registered parts; anything else fails to typecheck. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | SankeySeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** The app's font for chart text, so labels match the page around them. */
export const chartFont = theme.fontFamily ?? 'sans-serif';

// ECharts' own init, taken from here so that a chart never exists before its parts are registered.
export { init } from 'echarts/core';
