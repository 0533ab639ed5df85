import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

/** A throwaway PostgreSQL server started for one test run. */
export interface PgCluster {
  /** Superuser URL of the `postgres` database on the new server. */
  url: string;
  /** Stops the server at once and deletes its files. */
  stop(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

/** Finds the directory holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return hasServerBinaries(fromEnv) ? fromEnv : null;

  const fromPgConfig = pgConfigBindir();
  if (fromPgConfig && hasServerBinaries(fromPgConfig)) return fromPgConfig;

  // Debian installs each major version side by side; the newest one wins.
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (hasServerBinaries(dir)) return dir;
  }
  return null;
}

/** Initialises and starts a private PostgreSQL cluster on a free 127.0.0.1 port. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found (set PG_BIN or install postgresql)');

  const owner = serverOwner();
  const dir = mkdtempSync(join(baseTempDir(owner), 'klientura-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  if (owner) chownSync(dir, owner.uid, owner.gid);

  const pgCtl = join(bin, 'pg_ctl');
  const stopSync = (): void => {
    spawnSync(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w'], { ...spawnOptions(owner, dir), stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  // A run that ends early (an error, Ctrl-C: Vitest exits on SIGINT) must not leave a server behind.
  process.once('exit', stopSync);

  try {
    await run(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'], owner, dir);
    const port = await startOnFreePort(pgCtl, dataDir, logFile, dir, owner);
    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', stopSync);
        await run(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w'], owner, dir).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    const log = existsSync(logFile) ? `\n--- ${logFile} ---\n${readFileSync(logFile, 'utf8').slice(-4000)}` : '';
    stopSync();
    throw new Error(`could not start a PostgreSQL test cluster: ${errorText(error)}${log}`);
  }
}

/** Creates an empty, uniquely named database on the server behind adminUrl and returns its URL. */
export async function freshDatabaseUrl(adminUrl: string): Promise<string> {
  return createDatabase(adminUrl, `k_test_${randomBytes(6).toString('hex')}`);
}

/** Creates the database `name` (a plain lowercase identifier) on the server behind adminUrl and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function hasServerBinaries(dir: string): boolean {
  return ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(dir, name)));
}

function pgConfigBindir(): string | null {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

// initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` OS user.
function serverOwner(): OsUser | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root, but there is no `postgres` OS user to run the PostgreSQL server as');
  }
}

// The postgres user must be able to reach the cluster directory; a TMPDIR under /root would not be.
function baseTempDir(owner: OsUser | null): string {
  const base = tmpdir();
  if (!owner) return base;
  for (let dir = base; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return '/tmp';
    if (dirname(dir) === dir) return base;
  }
}

async function startOnFreePort(pgCtl: string, dataDir: string, logFile: string, dir: string, owner: OsUser | null): Promise<number> {
  // Another process may grab the port between probing and binding, so a failed start retries once or twice.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // pg_ctl hands -o to a shell, so the socket directory is quoted.
    const options = [
      `-p ${port}`,
      `-k '${dir.replaceAll("'", "'\\''")}'`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=256MB',
    ].join(' ');
    try {
      await run(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options], owner, dir);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

function spawnOptions(owner: OsUser | null, cwd: string): { cwd: string; uid?: number; gid?: number } {
  // The working directory must be readable by the server user, or initdb complains about it.
  return owner ? { cwd, uid: owner.uid, gid: owner.gid } : { cwd };
}

function run(command: string, args: string[], owner: OsUser | null, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // 'close' waits for the pipes to close; pg_ctl's -l keeps the started server off them.
    const child = spawn(command, args, { ...spawnOptions(owner, cwd), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args[0]} exited with ${code}: ${output.trim().slice(-2000)}`));
    });
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
