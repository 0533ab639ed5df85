import type { MantineTheme } from '@mantine/core';
import type { LifecycleStage } from '../analytics.types.js';

// One colour per stage on every lifecycle chart: greys for not yet buying, blues deepening into
// teal as customers grow loyal, violet for those who came back, orange for the lost.
const shades: Record<LifecycleStage, [string, number]> = {
  potential: ['gray', 4],
  new: ['blue', 3],
  repeat: ['blue', 6],
  loyal: ['teal', 7],
  advocate: ['lime', 7],
  returned: ['grape', 5],
  churned: ['orange', 6],
};

/** The colour of a lifecycle stage in the app's theme. */
export function stageColor(theme: MantineTheme, stage: LifecycleStage): string {
  const [color, shade] = shades[stage];
  return theme.colors[color]?.[shade] ?? theme.colors.gray[5];
}
