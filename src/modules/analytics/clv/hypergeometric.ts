// The Gauss hypergeometric function 2F1, which the BG/NBD conditional expectation needs. No kept
// numerical library for JavaScript ships it (stdlib has gamma, beta and their logarithms, not 2F1),
// so it is the power series, which converges for |z| < 1: the BG/NBD argument t / (α + T + t) is
// always in [0, 1).

/** 2F1(a, b; c; z) for |z| < 1 by its power series, to a relative precision of about 1e-14. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(Math.abs(z) < 1)) throw new RangeError(`hyp2f1 needs |z| < 1, got ${z}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100_000; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) return sum;
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge`);
}
