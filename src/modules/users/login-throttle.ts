import type { Clock } from '../../platform/clock.js';
import { DomainError } from '../../platform/errors.js';
import type { UsersRepo } from './users.repo.js';
import { tooManySignIns } from './users.errors.js';

// At most 5 attempts per e-mail and 20 per IP address in a 15-minute window. An attempt is
// counted before the password is checked (which takes scrypt's ~100 ms), so attempts sent at once
// cannot all pass a check that saw none of the others; a successful one is given back.
const windowMs = 15 * 60 * 1000;
const maxPerEmail = 5;
const maxPerIp = 20;

/** An attempt counted for a sign-in; settle it once the password has been checked. */
export interface LoginAttempt {
  /** A success clears the e-mail's count and gives the address its attempt back; a failure stays counted. */
  settle(succeeded: boolean): Promise<void>;
}

/** Counts sign-in attempts per e-mail and per address in the database, so every process shares the counts. */
export class LoginThrottle {
  constructor(
    private readonly repo: UsersRepo,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt for the e-mail and the address; throws too_many_requests when either has used up its window. */
  async reserve(email: string, ip: string): Promise<LoginAttempt> {
    const now = this.clock.now();
    const emailKey = `email:${email}`;
    const ipKey = `ip:${ip}`;
    const byEmail = await this.repo.reserveLoginAttempt(emailKey, now, now - windowMs);
    if (byEmail.attempts > maxPerEmail) {
      await this.repo.releaseLoginAttempt(emailKey, byEmail.windowStart);
      throw tooMany(byEmail.windowStart, now);
    }
    const byIp = await this.repo.reserveLoginAttempt(ipKey, now, now - windowMs);
    if (byIp.attempts > maxPerIp) {
      await this.repo.releaseLoginAttempt(ipKey, byIp.windowStart);
      await this.repo.releaseLoginAttempt(emailKey, byEmail.windowStart);
      throw tooMany(byIp.windowStart, now);
    }
    return {
      settle: async (succeeded) => {
        if (!succeeded) return;
        await this.repo.clearLoginAttempts(emailKey);
        await this.repo.releaseLoginAttempt(ipKey, byIp.windowStart);
      },
    };
  }
}

function tooMany(windowStart: number, now: number): DomainError {
  const retryIn = Math.max(1, Math.ceil((windowStart + windowMs - now) / 60000));
  return tooManySignIns(retryIn);
}
