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
export function maximizePositive(logLikelihood: (params: number[]) => number, start: number[], scale = 1, tolerance = 1e-5, maxIterations = 10_000): PositiveFit {
  let calls = 0;
  const objective = (logs: number[]) => {
    calls++;
    const value = logLikelihood(logs.map(Math.exp)) / scale;
    // A point where the model is undefined (overflow, log of zero) is never the minimum.
    return Number.isFinite(value) ? -value : Number.MAX_VALUE;
  };
  const result = nelderMead(objective, start.map(Math.log), { maxIterations, minErrorDelta: tolerance * 1e-2, minTolerance: tolerance });
  return { params: result.x.map(Math.exp), logLikelihood: -result.fx * scale, evaluations: calls };
}

/** Customers a warm start is fitted on. */
const warmStartSize = 20_000;

/**
 * Maximises a likelihood over many observations in two steps when there are more than twice
 * `warmStartSize` of them: first on a systematic sample (every k-th), then on all of them from the
 * sample's optimum, which takes the optimiser far fewer evaluations of the full likelihood. The answer
 * is the maximum on all the data, as a one-step fit would find it.
 */
export function maximizeOverObservations<T>(observations: readonly T[], prepare: (items: readonly T[]) => (params: number[]) => number, start: number[]): PositiveFit {
  let from = start;
  if (observations.length > 2 * warmStartSize) {
    const step = Math.ceil(observations.length / warmStartSize);
    const sample = observations.filter((_, i) => i % step === 0);
    from = maximizePositive(prepare(sample), start, sample.length).params;
  }
  return maximizePositive(prepare(observations), from, observations.length, from === start ? 1e-5 : 1e-4);
}
