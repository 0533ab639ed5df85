import { nelderMead } from 'fmin';

// Maximum likelihood for models whose parameters are all positive: the optimiser searches the
// logarithms of the parameters, so every point it tries is a valid model and no bounds are needed.

/** A fitted set of positive parameters and the log-likelihood there. */
export interface PositiveFit {
  params: number[];
  logLikelihood: number;
  /** Times the log-likelihood was evaluated. */
  evaluations: number;
}

/**
 * Maximises a log-likelihood over positive parameters with the Nelder–Mead method, from `start`. The
 * optimiser sees the log-likelihood divided by `scale` (the number of observations): its stopping
 * tolerance is absolute, and a sum over a million customers would otherwise never meet it.
 */
export function maximizePositive(logLikelihood: (params: number[]) => number, start: number[], scale = 1, maxIterations = 10_000): PositiveFit {
  let calls = 0;
  const objective = (logs: number[]) => {
    calls++;
    const value = logLikelihood(logs.map(Math.exp)) / scale;
    // A point where the model is undefined (overflow, log of zero) is never the minimum.
    return Number.isFinite(value) ? -value : Number.MAX_VALUE;
  };
  const result = nelderMead(objective, start.map(Math.log), { maxIterations, minErrorDelta: 1e-12, minTolerance: 1e-10 });
  return { params: result.x.map(Math.exp), logLikelihood: -result.fx * scale, evaluations: calls };
}
