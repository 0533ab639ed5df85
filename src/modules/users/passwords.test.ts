import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('password hashing', () => {
  it('salts every hash, so one password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('пароль-с-кириллицей');
    expect(await verifyPassword('пароль-с-кириллицей', stored)).toBe(true);
    expect(await verifyPassword('пароль-с-кириллицеЙ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('rejects every password against a malformed stored hash instead of throwing or accepting', async () => {
    const stored = await hashPassword('secret password');
    const [, , , , salt, hash] = stored.split('$');
    const malformed = [
      '',
      'garbage',
      `bcrypt$32768$8$1$${salt}$${hash}`,
      `scrypt$32768$8$1$${salt}$`,
      // An empty derived key would compare equal to an empty stored one.
      `scrypt$32768$8$1$${salt}$!!!!`,
      `scrypt$not-a-number$8$1$${salt}$${hash}`,
      `scrypt$1000$8$1$${salt}$${hash}`,
    ];
    for (const bad of malformed) await expect(verifyPassword('secret password', bad), bad).resolves.toBe(false);
  });

  it('asks for 8 to 200 characters', () => {
    expect(passwordProblem('1234567')).toEqual({ reason: 'must be at least 8 characters', code: 'too_short', params: { min: 8 } });
    expect(passwordProblem('tram4567')).toBeNull();
    expect(passwordProblem('xy'.repeat(100))).toBeNull();
    expect(passwordProblem('x'.repeat(201))).toMatchObject({ reason: 'must be at most 200 characters', code: 'too_long' });
  });

  it('refuses the most common passwords, one character repeated, and the account\'s own e-mail', () => {
    for (const common of ['12345678', 'Password1', 'QWERTYUIOP', 'йцукенгш', 'zzzzzzzzzz']) {
      expect(passwordProblem(common), common).toMatchObject({ code: 'password_too_common' });
    }
    expect(passwordProblem('Irina.Petrova@Example.com', 'irina.petrova@example.com')).toMatchObject({ code: 'password_like_email' });
    expect(passwordProblem('irina.petrova', 'irina.petrova@example.com')).toMatchObject({ code: 'password_like_email' });
    expect(passwordProblem('irina.petrova', 'someone@example.com')).toBeNull();
  });
});
