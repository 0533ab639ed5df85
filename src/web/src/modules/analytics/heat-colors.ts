// Colours of a heatmap's cells and of the figures on them. The cell colour is worked out here rather
// than by the chart's visual map, so the figure's colour can be chosen for it: white on a dark cell,
// dark on a light one, whichever contrasts more (WCAG 2 contrast ratio), never white on light blue.

/** An "#rrggbb" (or "#rgb") colour's red, green and blue, 0–255. */
function channels(hex: string): [number, number, number] {
  const value = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!value) throw new Error(`not an #rrggbb colour: ${hex}`);
  const digits = value[1].length === 3 ? [...value[1]].map((d) => d + d).join('') : value[1];
  const n = Number.parseInt(digits, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The colour a share `t` (0–1) of the way along the stops, mixed evenly between neighbouring stops. */
export function mixColor(stops: readonly string[], t: number): string {
  if (stops.length === 0) throw new Error('no colour stops');
  if (stops.length === 1) return stops[0];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const a = channels(stops[i]);
  const b = channels(stops[i + 1]);
  const f = x - i;
  return `#${a.map((v, k) => Math.round(v + (b[k] - v) * f).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance of an "#rrggbb" colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Of a light and a dark text colour, the one that reads better on the background. */
export function readableOn(background: string, light: string, dark: string): string {
  return contrastRatio(background, light) >= contrastRatio(background, dark) ? light : dark;
}
