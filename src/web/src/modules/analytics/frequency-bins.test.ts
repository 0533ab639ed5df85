import { describe, expect, it } from 'vitest';
import { frequencyBinLabels } from './frequency-bins.js';

describe('frequencyBinLabels', () => {
  it('names the purchase days of each F score', () => {
    expect(frequencyBinLabels([2, 3, 4, 6])).toEqual(['1', '2', '3', '4–5', '6+']);
    expect(frequencyBinLabels([2, 4, 7, 12])).toEqual(['1', '2–3', '4–6', '7–11', '12+']);
    expect(frequencyBinLabels([3, 5, 10, 20])).toEqual(['1–2', '3–4', '5–9', '10–19', '20+']);
    expect(frequencyBinLabels(null)).toEqual(['1', '2', '3', '4', '5']);
  });
});
