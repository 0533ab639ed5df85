import { domainError, type DomainError } from '../../platform/errors.js';
import type { Role } from '../../platform/roles.js';

// The users module's refusals (`users.<what>`), which the web app words in the user's language;
// each message stays the English sentence for other clients and the command line.

/** The e-mail already belongs to an account. */
export function emailTaken(email: string): DomainError {
  return domainError('conflict', 'users.email_taken', `A user with e-mail ${email} exists`, { email });
}

/** The person is a member of the workspace already. */
export function alreadyMember(email: string): DomainError {
  return domainError('conflict', 'users.already_member', `${email} is already a member; change their role instead`, { email });
}

/** The change would leave the workspace without an owner. */
export function lastOwner(): DomainError {
  return domainError('conflict', 'users.last_owner', 'A workspace must keep at least one owner');
}

/** The actor may not grant a role above their own. */
export function cannotGrant(actor: Role, role: Role): DomainError {
  return domainError('forbidden', 'users.cannot_grant', `A ${actor} cannot grant the ${role} role`, { actor, role });
}

/** The actor may not change a member who outranks them. */
export function cannotChange(actor: Role, member: Role): DomainError {
  return domainError('forbidden', 'users.cannot_change', `A ${actor} cannot change a member who is ${member}`, { actor, member });
}

/** Sign-in refused: the same answer whether the e-mail or the password is wrong. */
export function wrongCredentials(): DomainError {
  return domainError('unauthorized', 'users.wrong_credentials', 'Wrong e-mail or password');
}

/** Too many failed sign-ins; `minutes` until the next try. */
export function tooManySignIns(minutes: number): DomainError {
  return domainError('too_many_requests', 'users.too_many_sign_ins', `Too many failed sign-in attempts; try again in ${minutes} min`, { minutes });
}
