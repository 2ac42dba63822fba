import { DomainError } from '../kernel/index.ts';
import type { LoginGuard } from './login-guard.ts';
import type { Clock, PasswordHasher, Sessions, User, Users } from './ports.ts';

/** An account without a password proves itself by having signed in (through its provider) this recently. */
export const recentSignInMs = 5 * 60 * 1000;

export interface ReauthenticationPorts {
  users: Users;
  sessions: Sessions;
  passwordHasher: PasswordHasher;
  clock: Clock;
}

export interface Reauthentication {
  userId: string;
  /** The session of the access token (its `sid`). */
  sessionId: string;
  password?: string | undefined;
  ip: string;
}

const required = (detail: string) => new DomainError('forbidden', 'REAUTHENTICATION_REQUIRED', { detail });

/**
 * Proof that the account holder is at the keyboard now, not just someone holding an access token
 * (a stolen token lives 15 minutes): the password, checked like a login (the lockout applies and
 * a wrong one counts), or, for an account without a password, a sign-in within the last minutes.
 */
export const createReauthentication = (ports: ReauthenticationPorts, guard: LoginGuard) => {
  const { users, sessions, passwordHasher, clock } = ports;
  return {
    /**
     * Returns the account. Throws USER_NOT_FOUND (unauthenticated), REAUTHENTICATION_REQUIRED
     * (forbidden) without a proof, INVALID_CURRENT_PASSWORD (forbidden) or ACCOUNT_LOCKED.
     */
    assertReauthenticated: async (input: Reauthentication): Promise<User> => {
      const user = await users.findById(input.userId);
      if (!user) throw new DomainError('unauthenticated', 'USER_NOT_FOUND', { detail: 'The account no longer exists.' });
      if (user.passwordHash === '') {
        const session = await sessions.findById(input.sessionId);
        const signedInAt = session?.createdAt.getTime() ?? 0;
        if (clock.now().getTime() - signedInAt > recentSignInMs)
          throw required('Sign in again (within the last 5 minutes) to change two-factor authentication.');
        return user;
      }
      if (input.password === undefined) throw required('Send your password as password to change two-factor authentication.');
      const attempt = await guard.begin(user.email, input.ip);
      const isValid = await passwordHasher.verify(user.passwordHash, input.password);
      await attempt.settle(isValid ? 'success' : 'failure', user.id);
      if (!isValid) throw new DomainError('forbidden', 'INVALID_CURRENT_PASSWORD', { detail: 'The password is wrong.' });
      return user;
    },
  };
};
