// Shapes of the settings endpoints as the web app sees them, taken from the server's own zod
// contracts so the two cannot drift apart. Type-only imports: nothing of the server is bundled.
import type { z } from 'zod';
import type {
  addMemberBodySchema,
  addMemberResultSchema,
  apiKeyKindSchema,
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyBodySchema,
  createdApiKeySchema,
  memberListSchema,
} from '../../../../modules/users/users.schemas.js';
import type { workspacePatchSchema, workspaceSchema } from '../../../../modules/workspaces/workspaces.schemas.js';

/** GET /workspace: the workspace's name and settings. */
export type WorkspaceSettings = z.output<typeof workspaceSchema>;
/** Body of PATCH /workspace. */
export type WorkspacePatch = z.input<typeof workspacePatchSchema>;

/** A member of the workspace (one type for the whole app). */
export type { Member } from '../../api/types.js';
/** GET /members. */
export type MemberList = z.output<typeof memberListSchema>;
/** Body of POST /members. */
export type AddMemberBody = z.input<typeof addMemberBodySchema>;
/** Response of POST /members. */
export type AddMemberResult = z.output<typeof addMemberResultSchema>;

/** A kind of API key: "write" (public, ingestion only) or "secret" (the REST API). */
export type ApiKeyKind = z.output<typeof apiKeyKindSchema>;
/** An API key as listed. */
export type ApiKey = z.output<typeof apiKeySchema>;
/** GET /keys. */
export type ApiKeyList = z.output<typeof apiKeyListSchema>;
/** A just-created key, with the key itself shown this once. */
export type CreatedApiKey = z.output<typeof createdApiKeySchema>;
/** Body of POST /keys. */
export type CreateApiKeyBody = z.input<typeof createApiKeyBodySchema>;
