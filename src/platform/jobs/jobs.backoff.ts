// How long a failed job waits before its next attempt: 5 s after the first failure, then four times
// longer each time (20 s, 80 s, 5 min 20 s, …), never more than an hour. Long enough for a restarted
// database or a rate-limited peer to come back, short enough that a passing error costs little.

/** Wait after the first failure. */
export const BACKOFF_BASE_MS = 5_000;
/** Longest wait between attempts. */
export const BACKOFF_CAP_MS = 3_600_000;

/** Milliseconds to wait before the next attempt of a job that failed on its `attempt`-th try (1-based). */
export function backoffMs(attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  // 4^9 · 5 s is past the cap already; larger exponents only risk overflow.
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 4 ** Math.min(exponent, 9));
}
