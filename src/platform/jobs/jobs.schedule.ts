import type { Clock } from '../clock.js';
import type { JobQueue } from './jobs.service.js';

// Recurring jobs without a timer of their own: time is cut into slots of the interval
// (floor(now / interval)), and each slot's job is enqueued with the slot in its idempotency key.
// Every process may try; the unique key lets one job per slot in, so several workers on one
// database schedule each slot once, and a process that was down simply enqueues the current slot.

interface Recurring {
  kind: string;
  intervalMs: number;
  payload: unknown;
  lastSlot: number | null;
}

/** The recurring jobs of a worker; its loop calls enqueueDue(). */
export class RecurringJobs {
  private readonly entries: Recurring[] = [];

  constructor(
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}

  /** Enqueues a job of `kind` once in every interval of `intervalMs` (by the clock), the first in the current interval. */
  every(kind: string, intervalMs: number, payload: unknown = null): void {
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new Error(`every(${kind}): the interval must be a positive number of milliseconds`);
    this.entries.push({ kind, intervalMs, payload, lastSlot: null });
  }

  /** The slot key of a time: the interval and the slot's number. */
  static slotKey(intervalMs: number, now: number): string {
    return `every:${intervalMs}:${Math.floor(now / intervalMs)}`;
  }

  /** Enqueues the jobs of the slots begun since the last call (one insert per new slot; nothing otherwise). */
  async enqueueDue(): Promise<void> {
    const now = this.clock.now();
    for (const entry of this.entries) {
      const slot = Math.floor(now / entry.intervalMs);
      if (slot === entry.lastSlot) continue;
      await this.queue.enqueue(entry.kind, entry.payload, { idempotencyKey: RecurringJobs.slotKey(entry.intervalMs, now), runAt: now, maxAttempts: 3 });
      entry.lastSlot = slot;
    }
  }
}
