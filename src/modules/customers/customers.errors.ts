import { DomainError } from '../../platform/errors.js';

// The customers module's refusals (`customers.<what>`), worded by the web app in the user's language.

/** An identifier the edit adds belongs to another customer. */
export function identifierTaken(kind: string, value: string, customerId: number): DomainError {
  const field = kind === 'phone' || kind === 'email' ? kind : 'identifiers';
  return new DomainError('conflict', `${kind} ${value} belongs to customer ${customerId}`, [{ field, reason: `belongs to customer ${customerId}` }], {
    code: 'customers.identifier_taken',
    params: { kind, value, customerId },
  });
}

/** A new customer names no identifier at all. */
export function identifierRequired(): DomainError {
  return new DomainError(
    'validation_failed',
    'A customer needs at least one identifier: phone, email, card, externalId or an identifiers entry',
    [{ field: 'identifiers', reason: 'at least one identifier is required' }],
    { code: 'customers.identifier_required' },
  );
}
