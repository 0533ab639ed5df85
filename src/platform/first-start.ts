import { randomBytes } from 'node:crypto';
import type { Services } from '../main.js';

/** What the first start created, for the console. */
export interface FirstStart {
  ownerEmail: string;
  /** Shown once on the console; never stored in clear. */
  ownerPassword: string;
}

/** On an installation with no users: creates the owner account (and makes them owner of every workspace). */
export async function ensureOwner(services: Services, email = 'owner@klientura.local'): Promise<FirstStart | null> {
  if (await services.users.anyUser()) return null;
  const password = randomBytes(9).toString('base64url');
  const user = await services.users.createUser({ email, password, name: 'Owner' });
  for (const workspace of await services.workspaces.listAll()) await services.users.setRole(workspace.id, user.id, 'owner', null);
  return { ownerEmail: user.email, ownerPassword: password };
}
