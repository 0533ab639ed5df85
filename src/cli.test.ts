import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/harness.js';

const run = promisify(execFile);
const cli = join(import.meta.dirname, 'cli.ts');

// The command line as a script calls it: a separate process whose stdout another program reads.
async function klientura(env: Record<string, string>, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
}

describe('klientura command line', () => {
  it('prints only JSON on stdout with --json; log lines go to stderr', async () => {
    const dir = tempDir();
    const env = { DATABASE_URL: `sqlite:${join(dir, 'k.db')}`, DATA_DIR: dir, DEMO: 'false' };
    const created = await klientura(env, 'workspace', 'create', 'Магазин', '--json');
    const workspace: unknown = JSON.parse(created.stdout);
    expect(workspace).toMatchObject({ id: expect.any(String), writeKey: expect.any(String), secretKey: expect.any(String) });
    const listed = await klientura(env, 'workspace', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'Магазин' })]);
  });
});
