// Types of the parts of fmin (Nelder–Mead and friends, BSD-3) the product uses; the package ships none.
declare module 'fmin' {
  /** Options of nelderMead. */
  export interface NelderMeadOptions {
    maxIterations?: number;
    nonZeroDelta?: number;
    zeroDelta?: number;
    minErrorDelta?: number;
    minTolerance?: number;
  }
  /** The minimum found: the point and the function's value there. */
  export interface Minimum {
    x: number[];
    fx: number;
  }
  /** Minimises f from x0 by the Nelder–Mead simplex method. */
  export function nelderMead(f: (x: number[]) => number, x0: number[], options?: NelderMeadOptions): Minimum;
}
