import type { Reason } from './reasons.js';

// Typed domain errors. Services throw these; the HTTP layer maps them once to responses
// (platform/http/error-handler.ts), and the CLI prints their messages.

/** Error codes a client can rely on, with the HTTP status each maps to. */
export const errorStatus = {
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
} as const;

/** A code from errorStatus. */
export type ErrorCode = keyof typeof errorStatus;

/** One field-level problem: where (a path such as "batch[3].traits.phone" or "row 12, Телефон") and why. */
export interface FieldProblem {
  field: string;
  reason: string;
  /** A stable code of the reason, for clients that word it themselves (see reasons.ts). */
  code?: Reason['code'];
  params?: Reason['params'];
  index?: number;
}

/**
 * A per-domain code naming exactly what went wrong, `<domain>.<what>` (e.g. "users.last_owner"). The
 * web app words it in the user's language from the code and its params; `message` stays the English
 * fallback for other clients and the command line. Each module lists its codes in `<domain>.errors.ts`.
 */
export type DomainCode = `${string}.${string}`;

/** Values a domain code's wording may use, e.g. the e-mail that is taken. */
export type DomainParams = Record<string, string | number>;

/** An error the client caused or may act on; carries a stable code and optional field problems. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
    /** What exactly went wrong, for clients that word it themselves. */
    readonly domain?: { code: DomainCode; params?: DomainParams },
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** An error of kind `kind` (which sets the HTTP status) with a per-domain code and its params. */
export function domainError(kind: ErrorCode, code: DomainCode, message: string, params?: DomainParams): DomainError {
  return new DomainError(kind, message, undefined, params ? { code, params } : { code });
}

/** Shorthand for a validation error on a single field: a sentence, or a coded reason. */
export function invalid(field: string, why: string | Reason): DomainError {
  const problem: FieldProblem = typeof why === 'string' ? { field, reason: why } : { field, reason: why.reason, code: why.code, params: why.params };
  return new DomainError('validation_failed', `${field}: ${problem.reason}`, [problem]);
}

/** Shorthand for "no such thing" in this workspace. */
export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}
