import { isIP } from 'node:net';
import { z } from 'zod';

/** Roles a process can take: everything in one process, or the HTTP API and the background workers apart. */
export const processRoles = ['all', 'api', 'worker'] as const;

const configSchema = z.object({
  /** Where the data lives: `sqlite:<path>` (the default, embedded) or `postgres://…`. */
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/klientura.db')
    .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), {
      message: 'must start with sqlite: or postgres://',
    }),
  /** Interface the HTTP server binds to. */
  HOST: z.string().default('127.0.0.1'),
  /** Port of the HTTP server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Installation secret (signing, encryption); generated and stored in the database on first start when absent. */
  SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder for uploaded import files and other local state. */
  DATA_DIR: z.string().default('./data'),
  /** Create the demo workspace on the first start of an empty database ("false" to skip). */
  DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Hours between scheduled recomputations of the stored customer scores (0: only on request). */
  SCORES_EVERY_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  /**
   * The job queue this process takes part in: processes on one database share the background jobs of
   * one queue name. One name per installation; tests give each app its own.
   */
  JOBS_QUEUE: z.string().min(1).max(100).default('main'),
  /** Background jobs a worker process runs at once (default: 1 on SQLite, 2 on PostgreSQL). */
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Public base URL of the installation, used in links and cookies; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: unset trusts none;
   * otherwise their addresses and CIDR ranges ("127.0.0.1,10.0.0.0/8"; also loopback, linklocal,
   * uniquelocal). Anyone else's headers are ignored, so a caller cannot pick the address the
   * sign-in limit counts nor make a plain-http request look like https.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx): TrustedProxies => {
      const parsed = parseTrustProxy(value ?? '');
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return false;
      }
      return parsed;
    }),
});

/** Proxies to trust, in Fastify's `trustProxy` terms: none, or their addresses and ranges. */
export type TrustedProxies = false | string[];

const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

// Returns the setting, or a sentence saying what is wrong with it.
function parseTrustProxy(value: string): TrustedProxies | string {
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  // Fastify trusts nothing for a hop count (it cannot tell a proxy from a client), and "true" trusts anyone.
  if (text === 'true' || /^\d+$/.test(text)) return 'must name the proxies by address or CIDR range, e.g. 127.0.0.1 or 10.0.0.0/8';
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.find((entry) => !namedRanges.has(entry) && !isAddressOrRange(entry));
  return bad === undefined ? entries : `"${bad}" is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`;
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** The validated configuration of one Klientura process. */
export type Config = z.infer<typeof configSchema>;

/** Thrown when the environment does not describe a valid configuration. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}
