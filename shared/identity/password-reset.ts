import { registrationMails } from './mails.ts';
import { checkOneTimeToken, passwordResetTtlMs } from './one-time-tokens.ts';
import { assertPasswordAcceptable, type CommonPasswords } from './password-policy.ts';
import type { Clock, Mailer, PasswordHasher, PasswordResets, SecurityEvents, Users } from './ports.ts';
import { newSecret } from './secrets.ts';
import type { SessionService } from './session-service.ts';

export interface PasswordResetPorts {
  users: Users;
  passwordResets: PasswordResets;
  passwordHasher: PasswordHasher;
  commonPasswords: CommonPasswords;
  securityEvents: SecurityEvents;
  mailer: Mailer;
  clock: Clock;
  appUrl: string;
}

/** Forgotten passwords: a single-use link valid one hour; a reset ends every session. */
export const createPasswordReset = (ports: PasswordResetPorts, sessions: Pick<SessionService, 'endSessions'>) => {
  const { users, passwordResets, clock } = ports;
  const mails = registrationMails(ports.appUrl);

  return {
    /**
     * Mails a reset link when the (normalised) e-mail has an account, and does nothing otherwise;
     * the caller answers the same either way, so the answer tells nobody whether it exists.
     */
    forgotPassword: async (email: string): Promise<void> => {
      const user = await users.findByEmail(email);
      if (!user) return;
      const token = newSecret('pr');
      await passwordResets.create(token, {
        userId: user.id,
        email: user.email,
        expiresAt: new Date(clock.now().getTime() + passwordResetTtlMs),
      });
      await ports.mailer.send(mails.passwordReset(user.email, user.name, token));
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
