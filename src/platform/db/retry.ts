import type { Capabilities } from './capabilities.js';

// Concurrent writers on PostgreSQL can race to create the same identifier or order; the loser's
// transaction fails with a unique violation (23505) or a serialization failure (40001, 40P01) and is
// simply run again, when it sees the winner's row. SQLite has one writer, so nothing races there.
const retryable = new Set(['23505', '40001', '40P01']);

/** Runs a write transaction again (up to 3 times) when a concurrent writer made it conflict. */
export async function withWriteRetry<T>(caps: Capabilities, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (!caps.concurrentWriters || attempt >= 3 || typeof code !== 'string' || !retryable.has(code)) throw error;
    }
  }
}
