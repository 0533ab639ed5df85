import { domainError, type DomainError } from '../errors.js';

// Refusals of the access checks (`auth.<what>`), worded by the web app in the user's language.

/** No session (and no secret key where one would do). */
export function signInRequired(message = 'Sign in first'): DomainError {
  return domainError('unauthorized', 'auth.sign_in_required', message);
}

/** A secret key that is unknown or revoked. */
export function unknownApiKey(): DomainError {
  return domainError('unauthorized', 'auth.unknown_api_key', 'Unknown or revoked API key');
}

/** The caller's role does not allow `permission`. */
export function roleForbids(permission: string): DomainError {
  return domainError('forbidden', 'auth.role_forbids', `Your role may not do this (${permission})`, { permission });
}

/** The signed-in user is a member of no workspace, or not of the one asked for. */
export function notMember(ofAny: boolean): DomainError {
  return ofAny
    ? domainError('forbidden', 'auth.no_workspace', 'You are not a member of any workspace')
    : domainError('forbidden', 'auth.not_member', 'You are not a member of this workspace');
}
