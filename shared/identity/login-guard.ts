import { DomainError } from '../kernel/index.ts';
import {
  accountAttemptsToRead,
  accountLockoutSeconds,
  addressLockoutSeconds,
  type AddressLockPolicy,
  type AttemptOutcome,
} from './lockout.ts';
import type { Clock, LoginAttempts, SecurityEvents } from './ports.ts';

/**
 * Claims that lose to a concurrent attempt read again; each round one claim wins, so only a flood
 * of concurrent logins to one account gets this far, and it is told to retry.
 */
const maxClaimRounds = 40;

export interface LoginGuardPorts {
  loginAttempts: LoginAttempts;
  securityEvents: SecurityEvents;
  clock: Clock;
  addressLockout: AddressLockPolicy;
}

/** A claimed attempt: settle it once the password (and second factor) verdict is known. */
export interface AttemptTicket {
  settle: (outcome: Exclude<AttemptOutcome, 'pending'>, userId?: string) => Promise<void>;
}

const locked = (retryAfter: number) =>
  new DomainError('rate_limited', 'ACCOUNT_LOCKED', {
    detail: `Too many failed logins; try again in ${retryAfter} seconds.`,
    extensions: { retryAfter },
  });

/**
 * Progressive lockout by account (e-mail, known or not) and a stuffing threshold by IP address.
 * An attempt is recorded before its password is checked, so parallel guesses cannot all pass.
 */
export const createLoginGuard = (ports: LoginGuardPorts) => {
  const { loginAttempts, securityEvents, clock, addressLockout } = ports;

  const retryAfterFor = async (email: string, ip: string, now: Date) => {
    const [ofAccount, ofAddress] = await Promise.all([
      loginAttempts.latestOfAccount(email, accountAttemptsToRead),
      loginAttempts.failuresFromAddress(ip, new Date(now.getTime() - addressLockout.windowMs), addressLockout.maxFailures),
    ]);
    const retryAfter = Math.max(accountLockoutSeconds(ofAccount, now), addressLockoutSeconds(ofAddress, now, addressLockout));
    return { retryAfter, nextSeq: (ofAccount[0]?.seq ?? -1) + 1 };
  };

  return {
    /**
     * Records a pending attempt, or throws ACCOUNT_LOCKED (rate_limited, `retryAfter` seconds) while
     * the account or the address is locked; a refused attempt is not recorded.
     */
    begin: async (email: string, ip: string): Promise<AttemptTicket> => {
      for (let round = 0; round < maxClaimRounds; round += 1) {
        const now = clock.now();
        const { retryAfter, nextSeq } = await retryAfterFor(email, ip, now);
        if (retryAfter > 0) {
          await securityEvents.record({ type: 'login_locked', at: now, ip, details: { retryAfter } });
          throw locked(retryAfter);
        }
        if (await loginAttempts.claim({ email, seq: nextSeq, ip, at: now })) {
          return {
            settle: async (outcome, userId) => {
              await loginAttempts.settle(email, nextSeq, outcome);
              if (outcome === 'failure')
                await securityEvents.record({ type: 'login_failed', at: clock.now(), ip, ...(userId ? { userId } : {}) });
            },
          };
        }
      }
      throw locked(1);
    },
  };
};

export type LoginGuard = ReturnType<typeof createLoginGuard>;
