import { DomainError } from '../kernel/index.ts';
import { registrationMails } from './mails.ts';
import { checkOneTimeToken, emailVerificationTtlMs } from './one-time-tokens.ts';
import type { Clock, EmailVerifications, Mailer, User, Users } from './ports.ts';
import { newSecret } from './secrets.ts';

export interface EmailVerificationPorts {
  users: Users;
  emailVerifications: EmailVerifications;
  mailer: Mailer;
  clock: Clock;
  appUrl: string;
}

const userGone = () => new DomainError('unauthenticated', 'USER_NOT_FOUND', { detail: 'The account no longer exists.' });

/** E-mail verification: a single-use link valid 24 hours; a newer link makes the older ones dead. */
export const createEmailVerification = (ports: EmailVerificationPorts) => {
  const { users, emailVerifications, mailer, clock } = ports;
  const mails = registrationMails(ports.appUrl);

  const issue = async (user: Pick<User, 'id' | 'email' | 'name'>): Promise<void> => {
    const token = newSecret('ev');
    const expiresAt = new Date(clock.now().getTime() + emailVerificationTtlMs);
    await emailVerifications.create(token, { userId: user.id, email: user.email, expiresAt });
    await mailer.send(mails.verify(user.email, user.name, token));
  };

  return {
    /** Stores a verification token and mails its link. */
    issueEmailVerification: issue,

    /** Marks the address verified. Throws INVALID_VERIFICATION_TOKEN for unknown, expired, used or superseded tokens. */
    verifyEmail: async (token: string): Promise<void> => {
      const { entry, commit } = await checkOneTimeToken(emailVerifications, token, clock.now(), 'INVALID_VERIFICATION_TOKEN');
      const user = await users.findById(entry.userId);
      // A link for an address the account no longer has proves nothing.
      if (!user || user.email !== entry.email)
        throw new DomainError('invalid', 'INVALID_VERIFICATION_TOKEN', { detail: 'The link is invalid, expired or already used.' });
      await commit();
      await users.markEmailVerified(user.id);
    },

    /** Mails a new link and kills the older ones. Throws EMAIL_ALREADY_VERIFIED (conflict), and mails nothing, when verified. */
    resendEmailVerification: async (userId: string): Promise<void> => {
      const user = await users.findById(userId);
      if (!user) throw userGone();
      if (user.emailVerified)
        throw new DomainError('conflict', 'EMAIL_ALREADY_VERIFIED', { detail: 'The e-mail address is already verified.' });
      await emailVerifications.consumeAllOf(user.id);
      await issue(user);
    },
  };
};
