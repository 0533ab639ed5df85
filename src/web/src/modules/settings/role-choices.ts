import { roleRank, roles } from '../../../../platform/roles.js';
import type { Role } from '../../api/types.js';

/** Roles an actor may grant: their own and every less powerful one (the API refuses the rest). */
export function grantableRoles(actor: Role): Role[] {
  return roles.filter((role) => roleRank(role) >= roleRank(actor));
}

/** Whether an actor may change or remove a member holding a role (nobody may touch a member who outranks them). */
export function mayManage(actor: Role, member: Role): boolean {
  return roleRank(member) >= roleRank(actor);
}
