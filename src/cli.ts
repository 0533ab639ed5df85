import { parseArgs } from 'node:util';
import { createApp } from './main.js';
import { type Config, ConfigError, loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { DomainError } from './platform/errors.js';
import { ensureOwner } from './platform/first-start.js';
import { isRole } from './platform/roles.js';

// klientura <command>: the one entry point for people and scripts. Commands print results on
// stdout (JSON with --json) and problems on stderr with a non-zero exit code.

const usage = `Usage: klientura <command>

  start [--role all|api|worker]      run the platform (HTTP API, web app, workers)
  migrate                            bring the database schema up to date and exit
  workspace create NAME [--json]     create a workspace; prints its id, write key and secret key
  workspace list [--json]            list workspaces
  user create --email E [--password P] --workspace ID --role ROLE
                                     add a user to a workspace; a password creates a new account
  user role --email E --workspace ID --role ROLE
  user password --email E --password P
                                     set a password; ends the user's sessions
  key create --workspace ID --kind write|secret [--name N] [--json]
  key revoke --workspace ID KEY_ID
  import customers|orders FILE --workspace ID [--mapping JSON] [--json]
  demo [--customers N]               create a demo workspace with a seeded shop

Configuration comes from the environment (see README): DATABASE_URL, HOST, PORT, SECRET, LOG_LEVEL, DATA_DIR, DEMO.`;

/** Runs one CLI command with its arguments. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(usage);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      return (await import('./start.js')).start(config, rest);
    case 'migrate':
      return migrate(config);
    case 'workspace':
      return workspace(config, rest);
    case 'user':
      return user(config, rest);
    case 'key':
      return key(config, rest);
    case 'import':
      return (await import('./modules/imports/imports.cli.js')).importCommand(config, rest);
    case 'demo':
      return (await import('./modules/demo/demo.cli.js')).demoCommand(config, rest);
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 1;
  }
}

async function migrate(config: Config): Promise<number> {
  const db = openDatabase(config.DATABASE_URL);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
    return 0;
  } finally {
    await db.close();
  }
}

async function withApp<T>(config: Config, run: (app: Awaited<ReturnType<typeof createApp>>) => Promise<T>): Promise<T> {
  const app = await createApp({ config: { ...config, LOG_LEVEL: 'warn' }, role: 'tool' });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

async function workspace(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, timezone: { type: 'string' }, currency: { type: 'string' }, region: { type: 'string' } } });
  const [sub, ...names] = positionals;
  return withApp(config, async (app) => {
    if (sub === 'list') {
      const list = await app.services.workspaces.listAll();
      if (values.json) console.log(JSON.stringify(list));
      else for (const w of list) console.log(`${w.id}\t${w.name}\t${w.timezone}\t${w.currency}`);
      return 0;
    }
    if (sub !== 'create' || names.length === 0) throw new UsageError('workspace create NAME [--json]');
    const ws = await app.services.workspaces.create({ name: names.join(' '), timezone: values.timezone, currency: values.currency, phoneRegion: values.region });
    const writeKey = await app.services.apiKeys.create(ws.id, 'write', 'Default write key', null);
    const secretKey = await app.services.apiKeys.create(ws.id, 'secret', 'Created by the CLI', null);
    if (values.json) console.log(JSON.stringify({ id: ws.id, writeKey: writeKey.key, secretKey: secretKey.key }));
    else console.log(`Workspace ${ws.id} "${ws.name}"\nWrite key:  ${writeKey.key}\nSecret key: ${secretKey.key} (shown once)`);
    return 0;
  });
}

async function user(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { email: { type: 'string' }, password: { type: 'string' }, workspace: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
  const [sub] = positionals;
  return withApp(config, async (app) => {
    const { users } = app.services;
    if (sub === 'password' && values.email && values.password) {
      const found = await users.findByEmail(values.email);
      if (!found) throw new DomainError('not_found', `No user with e-mail ${values.email}`);
      await users.setPassword(found.id, values.password);
      console.log(`Password of ${found.email} changed; their sessions have ended.`);
      return 0;
    }
    if ((sub !== 'create' && sub !== 'role') || !values.email || !values.workspace || !values.role) {
      throw new UsageError(`user create --email E [--password P] --workspace ID --role ROLE | user role --email E --workspace ID --role ROLE`);
    }
    if (!isRole(values.role)) throw new UsageError('--role must be owner, admin, marketer, manager or analyst');
    await app.services.workspaces.get(values.workspace);
    if (sub === 'role') {
      const found = await users.findByEmail(values.email);
      if (!found) throw new DomainError('not_found', `No user with e-mail ${values.email}`);
      await users.changeRole(values.workspace, found.id, values.role, null);
      console.log(`${found.email} is ${values.role} of ${values.workspace}.`);
      return 0;
    }
    // The same rules as adding a member in the app: a password only creates a new account.
    const { created } = await users.addMember(values.workspace, { email: values.email, role: values.role, name: values.name, password: values.password }, null);
    console.log(`${created ? 'New' : 'Existing'} user ${values.email} is ${values.role} of ${values.workspace}.`);
    return 0;
  });
}

async function key(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { workspace: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } } });
  const [sub, keyId] = positionals;
  return withApp(config, async (app) => {
    if (!values.workspace) throw new UsageError('key create|revoke --workspace ID …');
    await app.services.workspaces.get(values.workspace);
    if (sub === 'create') {
      if (values.kind !== 'write' && values.kind !== 'secret') throw new UsageError('--kind must be write or secret');
      const created = await app.services.apiKeys.create(values.workspace, values.kind, values.name ?? '', null);
      if (values.json) console.log(JSON.stringify({ id: created.id, kind: created.kind, key: created.key }));
      else console.log(`${created.kind} key ${created.id}: ${created.key}${created.kind === 'secret' ? ' (shown once)' : ''}`);
      return 0;
    }
    if (sub === 'revoke' && keyId) {
      await app.services.apiKeys.revoke(values.workspace, keyId);
      console.log(`Key ${keyId} revoked.`);
      return 0;
    }
    throw new UsageError('key create --workspace ID --kind write|secret | key revoke --workspace ID KEY_ID');
  });
}

/** Wrong arguments: printed with the command's usage. */
export class UsageError extends Error {}

/** Prints an error the way a person at a terminal wants it, and returns the exit code. */
export function reportCliError(error: unknown): number {
  if (error instanceof UsageError) console.error(`Usage: klientura ${error.message}`);
  else if (error instanceof ConfigError || error instanceof DomainError) console.error(error.message);
  else if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(error.message);
  else console.error(error);
  return error instanceof UsageError ? 2 : 1;
}

// Ensure the owner exists for commands that create workspaces before the first start.
export { ensureOwner };

const isMain = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
if (isMain || process.argv[1]?.endsWith('klientura.js') || process.argv[1]?.endsWith('klientura')) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => process.exit(reportCliError(error)),
  );
}
