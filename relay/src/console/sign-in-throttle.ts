import { SyncError } from '@synaptiq/shared';

/**
 * Slows password and key guessing: after `maxFailures` failed sign-ins from one address within the window,
 * that address is refused until the window has passed. In memory, like the sessions.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Throws rate_limited while the address is locked out. */
  check(address: string, now: number): void {
    const entry = this.failures.get(address);
    if (!entry) return;
    if (now - entry.since > this.windowMs) {
      this.failures.delete(address);
      return;
    }
    if (entry.count >= this.maxFailures) {
      const retryAfterMs = entry.since + this.windowMs - now;
      throw new SyncError('rate_limited', `Too many failed sign-ins from this address. Wait ${Math.ceil(retryAfterMs / 60_000)} minutes, then sign in with the correct key or password.`, { retryAfterMs });
    }
  }

  fail(address: string, now: number): void {
    const entry = this.failures.get(address);
    if (!entry || now - entry.since > this.windowMs) this.failures.set(address, { count: 1, since: now });
    else entry.count += 1;
    if (this.failures.size > 50_000) this.failures.clear();
  }

  succeed(address: string): void {
    this.failures.delete(address);
  }
}
