import type { LifecycleStage, RfmSegment } from '../../api/types.js';
import { toMajorUnits, toMinorUnits } from '../../format/format.js';
import { lifecycleStages } from '../../../../modules/analytics/lifecycle/lifecycle.js';
import { rfmSegments } from '../../../../modules/analytics/rfm/rfm.js';

// The values the stored scores take, from the analytics' own lists so the filters offer exactly
// what the server accepts.

/** RFM segments, best first. */
export const segments: readonly RfmSegment[] = rfmSegments;

/** Lifecycle stages in their order. */
export const stages: readonly LifecycleStage[] = lifecycleStages;

/** The nine cells of the ABC/XYZ matrix: revenue class A–C, then purchase class X–Z. */
export const abcXyzCells = ['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ'] as const;
/** A cell of the ABC/XYZ matrix. */
export type AbcXyzCell = (typeof abcXyzCells)[number];

/** The golden customers' cells: much of the revenue, bought steadily. */
export const goldenCells: readonly AbcXyzCell[] = ['AX', 'AY'];

/** Whether a cell (such as a list row's "AX") holds golden customers. */
export function isGolden(cell: string | null): boolean {
  return cell !== null && goldenCells.some((c) => c === cell);
}

/** Keeps the values of `allowed` that `wanted` names, in the order of `allowed`. */
export function pick<T extends string>(allowed: readonly T[], wanted: readonly string[]): T[] {
  return allowed.filter((value) => wanted.includes(value));
}

/** A forecast amount (minor units) rounded to whole units of the currency: the kopecks of a prediction are noise. */
export function wholeUnits(minor: number, currency: string): number {
  return toMinorUnits(Math.round(toMajorUnits(minor, currency)), currency);
}
