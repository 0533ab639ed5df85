import { domainError, type DomainError } from '../../../platform/errors.js';

// Refusals of the score computation (`scores.<what>`), worded by the web app in the user's language.

/** A computation of this workspace's scores is running already (one at a time per workspace). */
export function alreadyRunning(): DomainError {
  return domainError('conflict', 'scores.already_running', 'The scores of this workspace are being computed already');
}
