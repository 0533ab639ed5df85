// The order that sorts a column of numbers, for ranking a million customers at once: an LSD radix
// sort of the values' bits, 16 bits a pass, stable (equal values keep their positions' order).
// Four passes over the data where a comparison sort of the positions takes forty comparisons an
// element; passes in which every value has the same digit are skipped.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Positions of `values` in ascending order of value; equal values in ascending position. */
export function sortedOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  // Each value's bits turned so that unsigned order is numeric order: negatives have every bit
  // flipped, the others only the sign bit (-0 counts as 0: adding 0 turns it into 0).
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    f64[0] = values[i] + 0;
    const h = u32[1];
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~u32[0] >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = u32[0];
    }
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(65_536);
  for (const [word, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(word[i] >>> shift) & 0xffff]++;
    if (n === 0 || counts[(word[0] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65_536; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      next[counts[(word[i] >>> shift) & 0xffff]++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}
