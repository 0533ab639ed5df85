// Roles per workspace and what each may do. Checked at the HTTP edge (auth.ts) and by services
// that act for a user (for example, who may grant which role).

/** Roles from the most to the least powerful. */
export const roles = ['owner', 'admin', 'marketer', 'manager', 'analyst'] as const;
/** A role a user holds in one workspace. */
export type Role = (typeof roles)[number];

/** Actions the API guards. */
export type Permission =
  | 'read' // see customers, orders, analytics, imports
  | 'customers:write' // create, edit, erase customers and orders
  | 'imports:write' // run imports
  | 'analytics:write' // analytics settings, recomputing the scores
  | 'segments:write' // create, change and delete segments, edit static lists
  | 'segments:export' // export a segment's people and hashed contacts (personal data leaves the system)
  | 'workspace:write' // workspace settings
  | 'members:write' // invite, change role, remove users
  | 'keys:write'; // create and revoke API keys

const grants: Record<Role, readonly Permission[]> = {
  owner: ['read', 'customers:write', 'imports:write', 'analytics:write', 'segments:write', 'segments:export', 'workspace:write', 'members:write', 'keys:write'],
  admin: ['read', 'customers:write', 'imports:write', 'analytics:write', 'segments:write', 'segments:export', 'workspace:write', 'members:write', 'keys:write'],
  marketer: ['read', 'customers:write', 'imports:write', 'analytics:write', 'segments:write', 'segments:export'],
  manager: ['read', 'customers:write'],
  analyst: ['read'],
};

/** Secret API keys act with an admin's data rights but cannot manage members or keys. */
export const secretKeyPermissions: readonly Permission[] = ['read', 'customers:write', 'imports:write', 'analytics:write', 'segments:write', 'workspace:write'];

/** Whether a role grants a permission. */
export function roleAllows(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** Whether a value names a role. */
export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Rank for comparisons: a lower number is more powerful. */
export function roleRank(role: Role): number {
  return roles.indexOf(role);
}
