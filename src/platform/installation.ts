import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';

/** The installation secret: from the configuration, else the one stored on first start, else a new one stored now. */
export async function ensureSecret(db: Kysely<Database>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const stored = await db.selectFrom('installation_settings').select('value').where('key', '=', 'secret').executeTakeFirst();
  if (stored) return stored.value;
  const secret = randomBytes(32).toString('base64url');
  await db
    .insertInto('installation_settings')
    .values({ key: 'secret', value: secret })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Another process may have stored its own first; everyone uses the stored one.
  const row = await db.selectFrom('installation_settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
  return row.value;
}
