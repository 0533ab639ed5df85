import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, errorStatus, type FieldProblem } from '../errors.js';

/**
 * Body of every error response: `code` is the kind (it sets the status), `domainCode` and `params`
 * say exactly what went wrong where a module names it (platform/errors.ts).
 */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; domainCode?: string; params?: Record<string, string | number> };
}

/** Builds an error body. */
export function errorBody(code: string, message: string, details?: unknown, domain?: DomainError['domain']): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      ...(domain ? { domainCode: domain.code, ...(domain.params ? { params: domain.params } : {}) } : {}),
    },
  };
}

// Fastify's own client-error codes and what we call them.
const fastifyCodes: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'Unsupported content type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_request', message: 'Invalid content length' },
};

/** Maps every error to `{error: {code, message, details}}` once, at the edge. Driver errors never reach a client. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.status(errorStatus[error.code]).send(errorBody(error.code, error.message, error.details, error.domain));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details: FieldProblem[] = error.validation.map((v) => ({
        field: where + v.instancePath.replace(/\//g, '.'),
        reason: v.message ?? 'is invalid',
      }));
      const first = details[0];
      const message = first ? `${first.field}: ${first.reason}` : 'Invalid request';
      return reply.status(400).send(errorBody('validation_failed', message, details));
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return reply.status(known.status).send(errorBody(known.code, known.message));
    if (isResponseSerializationError(error)) request.log.error({ err: error }, 'response did not match its schema');
    else if (error.statusCode && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('invalid_request', error.message));
    } else request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', 'Internal server error'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
