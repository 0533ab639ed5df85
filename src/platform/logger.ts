import { destination, pino, type Logger } from 'pino';

export type { Logger };

// Secrets never reach a log line: these paths are replaced wherever they appear.
const redact = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'secretKey',
  '*.secretKey',
  'writeKey',
  '*.writeKey',
];

/**
 * Creates the process logger at a level from the configuration. The server logs to stdout; command
 * line tools log to stderr, so what they print on stdout (e.g. with --json) stays machine-readable.
 */
export function createLogger(level: string, to: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino({ level, redact: { paths: redact, censor: '[redacted]' } }, destination(to === 'stderr' ? 2 : 1));
}
