import { DomainError } from '../kernel/index.ts';
import { lockoutSeconds, lockoutWindowMs } from './lockout.ts';
import type { Clock, LoginAttempts, SecurityEvents } from './ports.ts';

/** Enough recent attempts to reach the top lockout step (20 failures) with successes in between. */
const attemptsToRead = 50;

/** Progressive lockout by account (e-mail, known or not) and by IP address. */
export const createLoginGuard = (ports: { loginAttempts: LoginAttempts; securityEvents: SecurityEvents; clock: Clock }) => {
  const { loginAttempts, securityEvents, clock } = ports;
  return {
    /** Throws ACCOUNT_LOCKED (rate_limited) with `retryAfter` seconds while either the account or the address is locked. */
    assertNotLocked: async (email: string, ip: string): Promise<void> => {
      const now = clock.now();
      const since = new Date(now.getTime() - lockoutWindowMs);
      const [byAccount, byIp] = await Promise.all([
        loginAttempts.recent({ email }, since, attemptsToRead),
        loginAttempts.recent({ ip }, since, attemptsToRead),
      ]);
      const retryAfter = Math.max(
        lockoutSeconds(byAccount, now, { resetOnSuccess: true }),
        lockoutSeconds(byIp, now, { resetOnSuccess: false }),
      );
      if (retryAfter === 0) return;
      await securityEvents.record({ type: 'login_locked', at: now, ip, details: { retryAfter } });
      throw new DomainError('rate_limited', 'ACCOUNT_LOCKED', {
        detail: `Too many failed logins; try again in ${retryAfter} seconds.`,
        extensions: { retryAfter },
      });
    },

    recordAttempt: async (email: string, ip: string, success: boolean, userId: string | undefined): Promise<void> => {
      const at = clock.now();
      await loginAttempts.record({ email, ip, success, at });
      if (!success) await securityEvents.record({ type: 'login_failed', at, ip, ...(userId ? { userId } : {}) });
    },
  };
};

export type LoginGuard = ReturnType<typeof createLoginGuard>;
