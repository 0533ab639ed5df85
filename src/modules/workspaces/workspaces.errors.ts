import { domainError, type DomainError } from '../../platform/errors.js';

// The workspaces module's refusals (`workspaces.<what>`), worded by the web app in the user's language.

/** Only an owner of some workspace may create one (docs/decisions.md, "Who creates workspaces"). */
export function createForbidden(): DomainError {
  return domainError('forbidden', 'workspaces.create_forbidden', 'Only an owner of a workspace may create workspaces');
}
