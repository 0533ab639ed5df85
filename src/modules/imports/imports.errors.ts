import { DomainError, type DomainCode } from '../../platform/errors.js';

// The imports module's own error codes (`imports.<what>`), which the web app can word itself; the
// message stays the English sentence for other clients.

/** Codes of the imports module. */
export const importsErrorCodes = {
  /** The upload's Content-Type says multipart/form-data but names no boundary. */
  multipartNoBoundary: 'imports.multipart_no_boundary',
  /** The multipart body ended before its closing boundary: cut short, or split by another boundary than the header names. */
  multipartIncomplete: 'imports.multipart_incomplete',
  /** The import was started already (or cancelled, or expired): it can no longer be started or cancelled. */
  alreadyStarted: 'imports.already_started',
} as const satisfies Record<string, DomainCode>;

/** An upload whose Content-Type names no multipart boundary. */
export function multipartNoBoundary(): DomainError {
  return new DomainError(
    'validation_failed',
    'The upload cannot be read: its Content-Type header says multipart/form-data but names no boundary (e.g. "multipart/form-data; boundary=…").',
    [{ field: 'body', reason: 'no multipart boundary' }],
    { code: importsErrorCodes.multipartNoBoundary },
  );
}

/** An upload whose multipart body ended early; `partsSeen` tells a cut-off body from one split by another boundary. */
export function multipartIncomplete(partsSeen: number): DomainError {
  const message =
    partsSeen > 0
      ? 'The upload ended before its closing boundary: the body is cut short. Send the file again.'
      : 'The upload ended before its closing boundary: the body is cut short, or its parts are not separated by the boundary its Content-Type header names.';
  return new DomainError('validation_failed', message, [{ field: 'body', reason: 'incomplete multipart body' }], { code: importsErrorCodes.multipartIncomplete });
}

/** An import that is no longer pending: started, cancelled or expired. */
export function alreadyStarted(): DomainError {
  return new DomainError('conflict', 'This import has already been started', undefined, { code: importsErrorCodes.alreadyStarted });
}
