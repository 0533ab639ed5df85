import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { JobError } from './jobs.errors.js';
import { RecurringJobs } from './jobs.schedule.js';
import type { JobQueue } from './jobs.service.js';
import type { Job } from './jobs.types.js';

/** What a handler gets besides its job. */
export interface JobContext {
  /** Aborted when the worker stops or the job's lease is lost: stop soon, the job is handed back or taken over. */
  signal: AbortSignal;
  /** The holder's name, for writes that must check the job is still held (JobQueue.extendLease within a transaction). */
  holder: string;
  /** Stores the job's progress (any JSON) for people watching it; false when the job was lost. */
  progress(progress: unknown): Promise<boolean>;
}

/** Runs one job and returns its result (stored as JSON). Its effects must be idempotent: it may run again after a crash. */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<unknown>;

/** How the worker runs a kind of job. */
export interface HandlerOptions {
  /** Lease while running (renewed every third of it); long enough to outlast the longest synchronous stretch. */
  leaseMs?: number;
  /** At most this many jobs of the kind at once in this worker. */
  concurrency?: number;
  /** Called before a job whose holders kept vanishing is failed for good, so its domain can record why. */
  onGiveUp?(job: Job, reason: string): Promise<void>;
}

/** How a worker runs. */
export interface WorkerOptions {
  /** Jobs run at once (default: the queue's default concurrency). */
  concurrency?: number;
  /** Polling interval when idle. */
  idleMs?: number;
  /** Default lease of a claimed job. */
  leaseMs?: number;
  /** The name this worker claims jobs under (default: host, process and a random part). */
  holder?: string;
}

interface Registered {
  handler: JobHandler;
  leaseMs: number;
  concurrency: number;
  onGiveUp?: (job: Job, reason: string) => Promise<void>;
}

/**
 * A worker: a registry of handlers by kind and a loop that enqueues due recurring jobs, claims due
 * jobs of its kinds and runs up to `concurrency` of them at once. It polls every idleMs when idle
 * and wakes at once when a job is enqueued in this process or one of its jobs ends. While a handler
 * runs, its lease is renewed; a handler whose lease is lost (taken over) is aborted and cannot
 * complete its job. stop() aborts the running handlers and waits for them; a job whose handler
 * stopped on the signal is handed back to the queue for another worker.
 */
export class JobWorker {
  readonly holder: string;
  private readonly handlers = new Map<string, Registered>();
  private readonly recurring: RecurringJobs;
  private readonly running = new Map<number, { kind: string; done: Promise<void>; abort: AbortController }>();
  private readonly concurrency: number;
  private readonly idleMs: number;
  private readonly leaseMs: number;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private woken = false;
  private wakeUp: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly queue: JobQueue,
    clock: Clock,
    private readonly logger: Logger,
    options: WorkerOptions = {},
  ) {
    this.holder = options.holder ?? `worker:${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.concurrency = Math.max(1, options.concurrency ?? queue.defaultConcurrency());
    this.idleMs = options.idleMs ?? 250;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.recurring = new RecurringJobs(queue, clock);
  }

  /** Registers the handler of a kind of job. */
  register(kind: string, handler: JobHandler, options: HandlerOptions = {}): void {
    if (this.handlers.has(kind)) throw new Error(`a handler of ${kind} is registered already`);
    this.handlers.set(kind, { handler, leaseMs: options.leaseMs ?? this.leaseMs, concurrency: options.concurrency ?? Number.POSITIVE_INFINITY, onGiveUp: options.onGiveUp });
  }

  /** Enqueues a job of `kind` once in every interval (a recurring job; see RecurringJobs). */
  every(kind: string, intervalMs: number, payload: unknown = null): void {
    this.recurring.every(kind, intervalMs, payload);
  }

  /** Starts the loop. */
  start(): void {
    if (this.loop) return;
    this.unsubscribe = this.queue.onEnqueued(() => this.poke());
    this.loop = this.run();
  }

  /** Stops: no new claims, running handlers are aborted and awaited (their jobs go back to the queue). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    for (const job of this.running.values()) job.abort.abort(new Error('the worker is stopping'));
    this.poke();
    await this.loop;
    await Promise.all([...this.running.values()].map((job) => job.done));
  }

  private poke(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        await this.recurring.enqueueDue();
        claimed = await this.claimFree();
      } catch (error) {
        this.logger.error({ err: error }, 'job worker: jobs could not be claimed');
      }
      // A full claim may have left more waiting; otherwise wait for a wake-up or the next poll.
      if (claimed === 0 || this.running.size >= this.concurrency) await this.sleep();
    }
  }

  // Claims as many jobs as there are free slots, each kind with a limit of its own claimed apart so
  // that one claim never brings more of it than it may run; returns how many were claimed.
  private async claimFree(): Promise<number> {
    let free = this.concurrency - this.running.size;
    let claimed = 0;
    const unlimited: string[] = [];
    for (const [kind, registered] of this.handlers) {
      if (registered.concurrency === Number.POSITIVE_INFINITY) {
        unlimited.push(kind);
        continue;
      }
      const room = Math.min(free, registered.concurrency - this.runningOf(kind));
      if (room <= 0 || this.stopping) continue;
      const jobs = await this.queue.claim([kind], this.holder, this.leaseMs, room);
      for (const job of jobs) this.begin(job);
      free -= jobs.length;
      claimed += jobs.length;
    }
    if (free > 0 && unlimited.length > 0 && !this.stopping) {
      const jobs = await this.queue.claim(unlimited, this.holder, this.leaseMs, free);
      for (const job of jobs) this.begin(job);
      claimed += jobs.length;
    }
    return claimed;
  }

  private runningOf(kind: string): number {
    let n = 0;
    for (const job of this.running.values()) if (job.kind === kind) n++;
    return n;
  }

  private begin(job: Job): void {
    const abort = new AbortController();
    const done = this.execute(job, abort)
      .catch((error: unknown) => this.logger.error({ err: error, job: job.id, kind: job.kind }, 'job worker: a job could not be settled'))
      .finally(() => {
      this.running.delete(job.id);
      this.poke();
    });
    this.running.set(job.id, { kind: job.kind, done, abort });
  }

  private async execute(job: Job, abort: AbortController): Promise<void> {
    const registered = this.handlers.get(job.kind);
    if (!registered) return;
    const { queue, holder } = this;
    if (job.attempts > job.maxAttempts) {
      const reason = `Its worker stopped ${job.attempts - 1} times without finishing it; given up.`;
      await registered.onGiveUp?.(job, reason).catch((error: unknown) => this.logger.error({ err: error, job: job.id }, 'job worker: a give-up could not be recorded'));
      await queue.fail(job.id, holder, reason, { retry: false });
      return;
    }
    let lost = false;
    const renew = async (): Promise<void> => {
      if (lost) return;
      const held = await queue.extendLease(job.id, holder, registered.leaseMs).catch(() => true);
      if (!held) {
        lost = true;
        abort.abort(new Error('the job was taken over by another worker'));
      }
    };
    if (registered.leaseMs !== this.leaseMs) await renew();
    const heartbeat = setInterval(() => void renew(), Math.max(50, Math.floor(registered.leaseMs / 3)));
    const ctx: JobContext = { signal: abort.signal, holder, progress: (progress) => queue.progress(job.id, holder, progress) };
    try {
      const result = await registered.handler(job, ctx);
      if (!(await queue.complete(job.id, holder, result))) this.logger.warn({ job: job.id, kind: job.kind }, 'job worker: the job was taken over before it completed; its result is dropped');
    } catch (error) {
      clearInterval(heartbeat);
      if (lost) {
        this.logger.warn({ job: job.id, kind: job.kind }, 'job worker: the job was taken over by another worker');
      } else if (this.stopping && abort.signal.aborted) {
        await queue.release(job.id, holder).catch((e: unknown) => this.logger.error({ err: e, job: job.id }, 'job worker: a job could not be handed back'));
      } else {
        const message = error instanceof Error ? error.message : String(error);
        if (!(error instanceof JobError)) this.logger.error({ err: error, job: job.id, kind: job.kind }, 'job worker: a job failed');
        await queue.fail(job.id, holder, message, { retry: !(error instanceof JobError) || error.retry }).catch((e: unknown) => this.logger.error({ err: e, job: job.id }, 'job worker: a failure could not be recorded'));
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  private sleep(): Promise<void> {
    if (this.woken || this.stopping) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, this.idleMs);
      this.wakeUp = done;
    });
  }
}
