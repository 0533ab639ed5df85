import { type DomainCode, domainError, type DomainError } from '../errors.js';

// The job queue's refusals (`jobs.<what>`) and the error a handler throws to fail a job for good.

/** Codes of the job queue. */
export const jobsErrorCodes = {
  /** Only a failed job can be retried. */
  notFailed: 'jobs.not_failed',
} as const satisfies Record<string, DomainCode>;

/** A retry of a job that has not failed (it is queued, running or done). */
export function notFailed(status: string): DomainError {
  return domainError('conflict', jobsErrorCodes.notFailed, `Only a failed job can be retried; this one is ${status}`, { status });
}

/**
 * Thrown by a handler to fail its job with a message; `retry: false` fails it for good at once (a
 * file that cannot be read will not become readable), otherwise it is retried with backoff.
 */
export class JobError extends Error {
  readonly retry: boolean;

  constructor(message: string, options: { retry?: boolean } = {}) {
    super(message);
    this.name = 'JobError';
    this.retry = options.retry ?? true;
  }
}
