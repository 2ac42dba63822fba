import { newId } from '../kernel/index.ts';
import { checkOneTimeToken } from './one-time-tokens.ts';
import { assertPasswordAcceptable, type CommonPasswords } from './password-policy.ts';
import type { Clock, PasswordHasher, PasswordResetRequests, PasswordResets, SecurityEvents, Users } from './ports.ts';
import type { SessionService } from './session-service.ts';

export interface PasswordResetPorts {
  users: Users;
  passwordResets: PasswordResets;
  passwordResetRequests: PasswordResetRequests;
  passwordHasher: PasswordHasher;
  commonPasswords: CommonPasswords;
  securityEvents: SecurityEvents;
  clock: Clock;
}

/** Forgotten passwords: a single-use link valid one hour, mailed from an outbox; a reset ends every session. */
export const createPasswordReset = (ports: PasswordResetPorts, sessions: Pick<SessionService, 'endSessions'>) => {
  const { users, passwordResets, clock } = ports;

  return {
    /**
     * Queues the request, and nothing else: whether the (normalised) e-mail has an account is
     * looked up later by the delivery (password-reset-delivery.ts). Known and unknown addresses
     * cost the same single insert, and an SMTP outage changes nothing here, so neither the answer
     * nor its timing tells anybody whether an account exists.
     */
    forgotPassword: async (email: string): Promise<void> => {
      await ports.passwordResetRequests.enqueue({ id: newId('prq'), email, requestedAt: clock.now() });
    },

    /**
     * Sets a new password with a reset token, then ends every session of the account and kills
     * its other reset links. Throws INVALID_RESET_TOKEN (unknown, expired or used, also when a
     * concurrent reset won) or WEAK_PASSWORD (the token stays usable).
     */
    resetPassword: async (token: string, password: string): Promise<void> => {
      const { entry, commit } = await checkOneTimeToken(passwordResets, token, clock.now(), 'INVALID_RESET_TOKEN');
      await assertPasswordAcceptable(password, ports.commonPasswords);
      const passwordHash = await ports.passwordHasher.hash(password);
      await commit();
      await users.setPasswordHash(entry.userId, passwordHash);
      await sessions.endSessions(entry.userId, 'password_reset');
      await passwordResets.consumeAllOf(entry.userId);
      await ports.securityEvents.record({ type: 'password_reset', at: clock.now(), userId: entry.userId });
    },
  };
};
