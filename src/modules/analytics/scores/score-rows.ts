import { lifecycleStages } from '../lifecycle/lifecycle.js';
import { rfmSegments } from '../rfm/rfm.js';
import { none, type ScoreColumns } from './customer-scoring.js';

// A customer's scores as customer_scores stores them: the row's values and their digest.

// Stored probabilities and expectations keep four decimals: enough for any screen or filter, and a
// customer whose scores did not move is not rewritten.
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
/** A column's value, or null for NaN. */
export const orNull = (v: number) => (Number.isNaN(v) ? null : v);

/** Row i's values in the order of scoreRowColumns, from index `at` of `out`. */
export function rowValues(s: ScoreColumns, i: number, since: Float64Array, digest: Float64Array, computedAt: number, out: unknown[], at: number): void {
  const scored = s.segment[i] !== none;
  out[at] = s.customerId[i];
  out[at + 1] = scored ? s.r[i] : null;
  out[at + 2] = scored ? s.f[i] : null;
  out[at + 3] = scored ? s.m[i] : null;
  out[at + 4] = scored ? rfmSegments[s.segment[i]] : null;
  out[at + 5] = s.abc[i] === none ? null : abcLetters[s.abc[i]];
  out[at + 6] = s.xyz[i] === none ? null : xyzLetters[s.xyz[i]];
  out[at + 7] = lifecycleStages[s.stage[i]];
  out[at + 8] = orNull(since[i]);
  out[at + 9] = orNull(round4(s.pAlive[i]));
  out[at + 10] = orNull(round4(s.expected30[i]));
  out[at + 11] = orNull(round4(s.expected90[i]));
  out[at + 12] = orNull(round4(s.expected365[i]));
  out[at + 13] = orNull(s.predictedClv[i]);
  out[at + 14] = computedAt;
  out[at + 15] = digest[i];
}

const abcLetters = ['A', 'B', 'C'] as const;
const xyzLetters = ['X', 'Y', 'Z'] as const;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
let h1 = 0;
let h2 = 0;

// Mixes a value's 64 bits into both hashes.
function mix(v: number): void {
  bits[0] = v;
  h1 = Math.imul(h1 ^ words[0], 0x01000193);
  h1 = Math.imul(h1 ^ words[1], 0x01000193);
  h2 = Math.imul(h2 ^ words[1], 0x5bd1e995);
  h2 = Math.imul(h2 ^ words[0], 0x5bd1e995);
}

/**
 * A 52-bit digest of what a row stores (scores, stage and its day; the rounded values), from two
 * 32-bit FNV-1a-style hashes over the bits of each value: a changed row is missed with a chance of
 * about 2^-52.
 */
export function scoreDigest(s: ScoreColumns, i: number, since: number): number {
  h1 = 0x811c9dc5;
  h2 = 0x9747b28c;
  mix(s.r[i]);
  mix(s.f[i]);
  mix(s.m[i]);
  mix(s.segment[i]);
  mix(s.abc[i]);
  mix(s.xyz[i]);
  mix(s.stage[i]);
  mix(since);
  mix(round4(s.pAlive[i]));
  mix(round4(s.expected30[i]));
  mix(round4(s.expected90[i]));
  mix(round4(s.expected365[i]));
  mix(s.predictedClv[i]);
  return (h1 >>> 0) * 2 ** 20 + ((h2 >>> 0) >>> 12);
}
