import type { Locator } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createDemoWorkspace } from '../src/modules/demo/demo.service.js';
import { addUser } from '../test/harness.js';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { browserSuite } from './support/suite.js';

// The charts of the demo shop read whole: the Sankey diagram's labels stay inside the chart at both
// edges, and every figure on the RFM heatmap contrasts with its cell. The charts draw on a canvas, so
// the checks read its pixels.

const chromiumPath = inject('chromiumPath');
const patiently = { timeout: 20_000 };

type Rgb = [number, number, number];

// WCAG 2 relative luminance and contrast, on 0–255 channels.
const luminance = ([r, g, b]: Rgb) => {
  const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

// The chart as it shows on screen, as pixels: a screenshot of it decoded by the page itself (no PNG
// decoder needed here); scale is device pixels per CSS pixel.
async function canvasPixels(chart: Locator): Promise<{ width: number; height: number; data: number[]; scale: number }> {
  const png = (await chart.screenshot()).toString('base64');
  const box = await chart.boundingBox();
  if (!box) throw new Error('the chart is not on screen');
  const pixels = await chart.page().evaluate(async (source) => {
    const image = new Image();
    image.src = `data:image/png;base64,${source}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(image, 0, 0);
    return { width: image.width, height: image.height, data: Array.from(context.getImageData(0, 0, image.width, image.height).data) };
  }, png);
  return { ...pixels, scale: pixels.width / box.width };
}

describe.skipIf(!chromiumPath)('web app: the demo shop’s charts read whole', () => {
  const suite = browserSuite(chromiumPath);

  it('keeps the Sankey diagram’s labels inside the chart and every heatmap figure readable on its cell', async () => {
    const demo = await createDemoWorkspace(suite.server.app, { customers: 3_000, seed: 3, eventsPerCustomer: 0 });
    await suite.server.app.services.scores.recompute(demo.workspaceId);
    const owner = await addUser(suite.server.app, demo.workspaceId, 'owner');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, owner);

    // The lifecycle screen's Sankey diagram: nothing drawn in the outermost two pixels of either edge.
    await page.goto(`/w/${demo.workspaceId}/analytics/lifecycle?period=365`);
    const sankey = page.getByRole('img', { name: /Диаграмма Сэнки/ });
    await sankey.locator('canvas').first().waitFor(patiently);
    await page.waitForTimeout(1_500); // the chart's entry animation
    await sankey.scrollIntoViewIfNeeded();
    await screenshot(page, 'demo-lifecycle-sankey');
    const drawn = await canvasPixels(sankey);
    const inked = (x: number) => {
      let count = 0;
      for (let y = 0; y < drawn.height; y++) {
        const i = (y * drawn.width + x) * 4;
        if (Math.min(drawn.data[i], drawn.data[i + 1], drawn.data[i + 2]) < 200) count++;
      }
      return count;
    };
    const edge = Math.ceil(2 * drawn.scale);
    for (let x = 0; x < edge; x++) {
      expect(inked(x), `pixels drawn in column ${x} at the left edge`).toBe(0);
      expect(inked(drawn.width - 1 - x), `pixels drawn in column ${x} from the right edge`).toBe(0);
    }
    // The labels are there: something is drawn near each edge.
    expect(Array.from({ length: 40 }, (_, k) => inked(edge + k)).some((n) => n > 0)).toBe(true);

    // The RFM heatmap of all history: in every cell with customers, the figure contrasts with the cell.
    await page.goto(`/w/${demo.workspaceId}/analytics/rfm`);
    const heatmap = page.getByRole('img', { name: 'Тепловая карта RFM: клиенты по давности и частоте покупок' });
    await heatmap.locator('canvas').first().waitFor(patiently);
    await page.waitForTimeout(1_500);
    await screenshot(page, 'demo-rfm-heatmap');
    const map = await canvasPixels(heatmap);
    const at = (x: number, y: number): Rgb => {
      const i = (Math.round(y) * map.width + Math.round(x)) * 4;
      return [map.data[i], map.data[i + 1], map.data[i + 2]];
    };
    // The grid is inset 44 px left, 8 right, 8 top, 44 bottom (RfmHeatmap), five by five cells.
    const css = { width: map.width / map.scale, height: map.height / map.scale };
    const cellWidth = (css.width - 52) / 5;
    const cellHeight = (css.height - 52) / 5;
    const weakest: number[] = [];
    for (let row = 0; row < 5; row++) {
      for (let column = 0; column < 5; column++) {
        const left = 44 + column * cellWidth;
        const top = 8 + row * cellHeight;
        // The cell's colour a little inside its corner (past the 3 px white border), the figure's pixels
        // in a band across its middle: the one contrasting most stands for the figure.
        const background = at((left + 10) * map.scale, (top + 10) * map.scale);
        if (contrast(background, [255, 255, 255]) < 1.05) continue; // an empty (near white) cell has no figure
        let best = 1;
        for (let x = left + cellWidth * 0.2; x < left + cellWidth * 0.8; x += 0.5) {
          for (let y = top + cellHeight * 0.4; y < top + cellHeight * 0.6; y += 0.5) best = Math.max(best, contrast(background, at(x * map.scale, y * map.scale)));
        }
        weakest.push(best);
      }
    }
    expect(weakest.length).toBeGreaterThan(10);
    // Anti-aliased glyphs never reach the text colour in full; 3:1 is far above white on light blue (about 1.5:1).
    expect(Math.min(...weakest)).toBeGreaterThanOrEqual(3);
    expectNoPageErrors(tab);
    await tab.context.close();
  }, 240_000);
});
