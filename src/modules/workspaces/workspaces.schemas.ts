import { z } from 'zod';
import { roles } from '../../platform/roles.js';

// Contracts of the workspace endpoints, shared by the server and the web app. Time zones,
// currencies and phone regions are checked by the workspaces service (against Intl and
// libphonenumber), which reports them as validation errors on the same field names.

/** A workspace (one brand or shop). */
export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string().meta({ description: 'IANA time zone for reports, quiet hours and "days", e.g. Europe/Moscow' }),
  currency: z.string().meta({ description: 'ISO 4217 code of the money amounts, e.g. RUB' }),
  phoneRegion: z.string().meta({ description: 'Country (ISO 3166 alpha-2) national phone numbers are read in, e.g. RU' }),
  createdAt: z.number().int().meta({ description: 'Epoch milliseconds' }),
});

/** A workspace with the caller's role in it. */
export const workspaceWithRoleSchema = workspaceSchema.extend({ role: z.enum(roles) });

/** Response of GET /workspaces. */
export const workspaceListSchema = z.object({ workspaces: z.array(workspaceWithRoleSchema) });

const settings = {
  timezone: z.string().max(100).optional(),
  currency: z.string().max(10).optional(),
  phoneRegion: z.string().max(10).optional(),
};

/** Body of POST /workspaces; unset settings default to Europe/Moscow, RUB and RU. */
export const createWorkspaceBodySchema = z.object({ name: z.string().max(100), ...settings });

/** Response of POST /workspaces: the workspace and its first write key (public, for the site snippet). */
export const createdWorkspaceSchema = z.object({
  workspace: workspaceWithRoleSchema,
  writeKey: z.string().meta({ description: 'Write key for the tracking snippet and the Segment-compatible ingestion API' }),
});

/** Body of PATCH /workspace. */
export const workspacePatchSchema = z.object({ name: z.string().max(100).optional(), ...settings });
