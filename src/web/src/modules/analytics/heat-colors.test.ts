import { describe, expect, it } from 'vitest';
import { contrastRatio, mixColor, readableOn, relativeLuminance } from './heat-colors.js';

describe('heat colours', () => {
  it('mixes evenly between stops', () => {
    expect(mixColor(['#000000', '#ffffff'], 0.5)).toBe('#808080');
    expect(mixColor(['#f8f9fa', '#a5d8ff', '#1971c2'], 0)).toBe('#f8f9fa');
    expect(mixColor(['#f8f9fa', '#a5d8ff', '#1971c2'], 0.5)).toBe('#a5d8ff');
    expect(mixColor(['#f8f9fa', '#a5d8ff', '#1971c2'], 1)).toBe('#1971c2');
  });

  it('measures luminance and contrast as WCAG 2 does', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 10);
  });

  it('puts black figures on light blue and white ones on dark blue, always the better of the two (at least 4.5:1)', () => {
    const dark = '#000000';
    const stops = ['#f8f9fa', '#a5d8ff', '#1971c2'];
    for (let k = 0; k <= 100; k++) {
      const cell = mixColor(stops, k / 100);
      const text = readableOn(cell, '#ffffff', dark);
      expect(contrastRatio(cell, text)).toBe(Math.max(contrastRatio(cell, '#ffffff'), contrastRatio(cell, dark)));
      // With black and white one of the two always reaches 4.58:1 (a dark grey would fall to 4.2 mid-scale);
      // white on light blue was about 1.5:1.
      expect(contrastRatio(cell, text), `${cell} with ${text}`).toBeGreaterThanOrEqual(4.5);
    }
    // The light blue the heatmap passes through at about two thirds of its largest cell.
    expect(readableOn(mixColor(stops, 0.6), '#ffffff', dark)).toBe(dark);
  });
});
