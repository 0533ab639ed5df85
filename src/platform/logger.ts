import { pino, type Logger } from 'pino';

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

/** Creates the process logger at a level from the configuration. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redact, censor: '[redacted]' } });
}
