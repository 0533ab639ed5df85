import { type Role, roleRank } from '../../platform/roles.js';
import { cannotChange, cannotGrant } from './users.errors.js';

// Who may do what to whom among a workspace's members. `actor` is the role of the member acting;
// null is the installation's operator (the CLI, first start), who is bound by no role.

/** Refuses granting a role above the actor's own. */
export function checkMayGrant(actor: Role | null, role: Role): void {
  if (actor && roleRank(role) < roleRank(actor)) throw cannotGrant(actor, role);
}

/** Refuses changing or removing a member who outranks the actor (an admin may grant up to admin, but must not demote owners). */
export function checkOutranks(actor: Role | null, member: Role): void {
  if (actor && roleRank(member) < roleRank(actor)) throw cannotChange(actor, member);
}
