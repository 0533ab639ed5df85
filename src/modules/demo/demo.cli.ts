import { parseArgs } from 'node:util';
import { type App, createApp } from '../../main.js';
import type { Config } from '../../platform/config.js';
import { createDemoWorkspace } from './demo.service.js';

const usage = 'demo [--customers N] [--seed S] [--json]';

/** `klientura demo`: creates another demo workspace, shows it to every workspace owner, and prints its summary. */
export async function demoCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { customers: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } } });
  const customers = Number(values.customers ?? 20_000);
  const seed = Number(values.seed ?? 1);
  if (!Number.isSafeInteger(customers) || customers < 1) return usageError('--customers must be a positive integer');
  if (!Number.isSafeInteger(seed)) return usageError('--seed must be an integer');
  const app = await createApp({ config: { ...config, LOG_LEVEL: 'warn' }, role: 'tool' });
  try {
    const owners = await ownersOfAnyWorkspace(app);
    // Progress goes to stderr, so stdout stays one JSON document with --json; a terminal sees one
    // line updated in place, a log file a line per tenth of the load.
    const tty = process.stderr.isTTY;
    let shown = 0;
    const summary = await createDemoWorkspace(app, {
      customers,
      seed,
      onProgress: (p) => {
        const line = `  ${p.customers.toLocaleString('en')} / ${p.total.toLocaleString('en')} customers, ${(p.ms / 1000).toFixed(1)} s`;
        if (tty) process.stderr.write(`\r${line}${p.customers === p.total ? '\n' : ''}`);
        else if (p.customers === p.total || p.customers >= shown + p.total / 10) {
          shown = p.customers;
          process.stderr.write(`${line}\n`);
        }
      },
    });
    // Whoever runs the installation sees the new workspace next to their others.
    for (const userId of owners) await app.services.users.setRole(summary.workspaceId, userId, 'owner', null);
    if (values.json) console.log(JSON.stringify({ ...summary, owners: owners.length }));
    else {
      console.log(`Demo workspace ${summary.workspaceId} "${summary.name}"`);
      console.log(`  ${summary.customers} customers, ${summary.orders} orders (${summary.items} lines), ${summary.events} events in ${(summary.ms / 1000).toFixed(1)} s`);
      console.log(`  Write key: ${summary.writeKey}`);
      console.log(`  Owners: ${owners.length} user(s) who own a workspace of this installation`);
    }
    return 0;
  } finally {
    await app.close();
  }
}

// Users who are owners of at least one workspace.
async function ownersOfAnyWorkspace(app: App): Promise<string[]> {
  const owners = new Set<string>();
  for (const workspace of await app.services.workspaces.listAll()) {
    for (const member of await app.services.users.members(workspace.id)) if (member.role === 'owner') owners.add(member.id);
  }
  return [...owners];
}

function usageError(problem: string): number {
  console.error(`${problem}\nUsage: klientura ${usage}`);
  return 2;
}
