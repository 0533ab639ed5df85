import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { type Reason, reason } from '../../platform/reasons.js';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;

// scrypt with N=2^15, r=8, p=1 (OWASP's minimum is N=2^17 with r=8 for interactive logins on big
// servers; 2^15 keeps a login under ~100 ms on two cores). Parameters are stored with the hash so
// they can be raised later without invalidating old passwords.
const N = 32768;
const r = 8;
const p = 1;
const keyLength = 32;
const maxmem = 64 * 1024 * 1024;

/** Hashes a password as "scrypt$N$r$p$salt$hash" (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, keyLength, { N, r, p, maxmem });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  // A damaged hash must refuse every password: an empty one would compare equal to an empty
  // derived key, and bad parameters make scrypt throw.
  if (expected.length < 16) return false;
  try {
    const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
      N: Number(n),
      r: Number(rr),
      p: Number(pp),
      maxmem,
    });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

// The passwords tried first by anyone guessing (the top of the public leak lists, Russian keyboard
// runs included). Length matters more than composition rules (NIST SP 800-63B), so only these and
// the account's own e-mail are refused besides the length limits.
const common = new Set([
  '12345678', '123456789', '1234567890', '0123456789', '87654321', '11111111', '00000000', '88888888', '12341234', '11223344',
  'password', 'password1', 'password123', 'passw0rd', 'qwertyui', 'qwertyuiop', 'qwerty123', '1q2w3e4r', '1qaz2wsx', 'asdfghjk',
  'zxcvbnm1', 'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'abc12345', 'abcd1234', 'aa123456',
  'йцукенгш', 'йцукенгшщз', 'пароль123', 'qwerty12', 'q1w2e3r4', 'klientura', 'changeme', 'letmein1', 'admin123', 'administrator',
]);

/** Checks that a new password is acceptable (for the account with this e-mail, when known); returns the reason when it is not. */
export function passwordProblem(password: string, email?: string): Reason | null {
  if (password.length < 8) return reason('too_short', { min: 8 });
  if (password.length > 200) return reason('too_long', { max: 200 });
  const lower = password.toLowerCase();
  if (common.has(lower) || /^(.)\1+$/u.test(lower)) return reason('password_too_common', {});
  if (email && (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0])) return reason('password_like_email', {});
  return null;
}
