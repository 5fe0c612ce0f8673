import { Inject, Injectable } from '@nestjs/common';
import { RateLimited } from '@blue-ocean/kernel';
import { IDENTITY_SETTINGS, IdentitySettings } from './identity-settings';

const WINDOW_MS = 60_000;

/**
 * signUp and logIn together, per client address, per minute (AUTH_RATE_LIMIT_PER_MINUTE; 0 = off).
 * Counted in this process: with several gateways each allows the limit.
 */
@Injectable()
export class AuthRateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(@Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings) {}

  check(clientAddress: string, now = Date.now()): void {
    const limit = this.settings.authRateLimitPerMinute;
    if (limit === 0) return;
    const recent = (this.attempts.get(clientAddress) ?? []).filter((t) => now - t < WINDOW_MS);
    if (recent.length >= limit) {
      this.attempts.set(clientAddress, recent);
      throw new RateLimited();
    }
    recent.push(now);
    this.attempts.set(clientAddress, recent);
    if (this.attempts.size > 100_000) this.forgetIdle(now);
  }

  private forgetIdle(now: number): void {
    for (const [address, times] of this.attempts) {
      if (times.every((t) => now - t >= WINDOW_MS)) this.attempts.delete(address);
    }
  }
}
