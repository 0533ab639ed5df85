import { z } from 'zod';
import { roles } from '../../platform/roles.js';
import { workspaceWithRoleSchema } from '../workspaces/workspaces.schemas.js';

// Contracts of the auth, members and API key endpoints, shared by the server and the web app.
// Shapes are checked here; rules that need the database or the domain (a valid e-mail for a new
// user, password strength, who may grant which role) are the services' job and come back as
// validation errors on the same field names.

/** A role a user holds in a workspace. */
export const roleSchema = z.enum(roles);

/** A user as the API shows it. */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: z.string().meta({ description: 'Interface language: "ru" or "en"' }),
  createdAt: z.number().int().meta({ description: 'Epoch milliseconds' }),
});

/** Body of POST /auth/login. */
export const loginBodySchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

/** Body of PATCH /auth/me; changing the password needs the current one. */
export const profilePatchSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  locale: z.enum(['ru', 'en']).optional(),
  password: z.string().max(200).optional().meta({ description: 'A new password, at least 8 characters' }),
  currentPassword: z.string().max(200).optional().meta({ description: 'Required when `password` is given' }),
});

/** Body of POST /auth/password. */
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  password: z.string().max(200).meta({ description: 'The new password: 8 to 200 characters, not a very common one, not your e-mail' }),
});

/** A member of a workspace. */
export const memberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.number().int().meta({ description: 'Epoch milliseconds' }),
});

/** Response of GET /members. */
export const memberListSchema = z.object({ members: z.array(memberSchema) });

/** Body of POST /members: an existing user by e-mail, or a new one when a first password is given. */
export const addMemberBodySchema = z.object({
  email: z.string().trim().min(1).max(254),
  role: roleSchema,
  name: z.string().trim().min(1).max(100).optional().meta({ description: 'Name of a user created by this call' }),
  password: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'First password; creates the user when no user has this e-mail. Not allowed for an existing user.' }),
});

/** Response of POST /members. */
export const addMemberResultSchema = z.object({
  member: memberSchema,
  created: z.boolean().meta({ description: 'Whether this call created the user account' }),
});

/** Body of PATCH /members/:userId. */
export const setRoleBodySchema = z.object({ role: roleSchema });

/** Path parameters naming a member. */
export const userIdParamsSchema = z.object({ userId: z.string().min(1).max(100) });

/** Kinds of API key. */
export const apiKeyKindSchema = z.enum(['write', 'secret']);

/** An API key as listed; a secret key's value is never shown after creation. */
export const apiKeySchema = z.object({
  id: z.string(),
  kind: apiKeyKindSchema,
  name: z.string(),
  prefix: z.string().meta({ description: 'First characters of the key, to recognise it' }),
  writeKey: z.string().nullable().meta({ description: 'The whole key for write keys (they are public); null for secret keys' }),
  createdAt: z.number().int(),
  lastUsedAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
});

/** A just-created API key: `key` is shown this once. */
export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().meta({ description: 'The key itself; a secret key is never shown again' }),
});

/** Response of GET /keys. */
export const apiKeyListSchema = z.object({ keys: z.array(apiKeySchema) });

/** Body of POST /keys. */
export const createApiKeyBodySchema = z.object({
  kind: apiKeyKindSchema,
  name: z.string().max(100).default(''),
});

/** Path parameters naming an API key. */
export const keyIdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** Response of login and GET /auth/me: the user, the CSRF token to echo and their workspaces. */
export const sessionSchema = z.object({
  user: userSchema,
  csrfToken: z.string().meta({ description: 'Send it back as the x-csrf-token header on every state-changing request' }),
  workspaces: z.array(workspaceWithRoleSchema),
});
