import { DomainError } from '../kernel/index.ts';
import type { LoginGuard } from './login-guard.ts';
import { assertPasswordAcceptable, type CommonPasswords } from './password-policy.ts';
import type { Clock, PasswordHasher, ProfileChanges, SecurityEvents, Sessions, Users } from './ports.ts';
import { liveSessions, type SessionView } from './session-list.ts';
import type { SessionService } from './session-service.ts';

export interface SelfServicePorts {
  users: Users;
  sessions: Sessions;
  passwordHasher: PasswordHasher;
  commonPasswords: CommonPasswords;
  securityEvents: SecurityEvents;
  profileChanges: ProfileChanges;
  clock: Clock;
}

const userGone = () => new DomainError('unauthenticated', 'USER_NOT_FOUND', { detail: 'The account no longer exists.' });
const sessionNotFound = () => new DomainError('not_found', 'SESSION_NOT_FOUND', { detail: 'No such session.' });

/** What signed-in users do to their own account: name, password, sessions. */
export const createSelfService = (
  ports: SelfServicePorts,
  sessionService: Pick<SessionService, 'endSessions' | 'endSession'>,
  guard: LoginGuard,
) => {
  const { users, sessions, clock } = ports;
  const getUser = async (userId: string) => (await users.findById(userId)) ?? Promise.reject(userGone());

  return {
    /**
     * Changes the account's name (rectification); returns the account as it is now. The change is
     * recorded before it is written, so no change is ever without its record (a write that then
     * fails leaves a record the retry repeats). The same name again changes and records nothing.
     * USER_NOT_FOUND when it is gone.
     */
    updateProfile: async (
      userId: string,
      changes: { name: string },
      by: { type: 'self' } | { type: 'dpo'; staffId: string } = { type: 'self' },
    ) => {
      const user = await getUser(userId);
      if (user.name !== changes.name) {
        await ports.profileChanges.record({ userId, field: 'name', before: user.name, after: changes.name, at: clock.now(), by });
        await users.setName(userId, changes.name);
      }
      return { id: user.id, email: user.email, name: changes.name, emailVerified: user.emailVerified, createdAt: user.createdAt };
    },

    /**
     * Replaces the password after checking the current one, and ends every other session. A wrong
     * current password counts toward the login lockout (INVALID_CURRENT_PASSWORD, forbidden);
     * ACCOUNT_LOCKED while locked; WEAK_PASSWORD for a new one the policy refuses.
     */
    changePassword: async (input: { userId: string; sessionId: string; currentPassword: string; newPassword: string; ip: string }) => {
      const user = await getUser(input.userId);
      const attempt = await guard.begin(user.email, input.ip);
      const isValid = await ports.passwordHasher.verify(user.passwordHash, input.currentPassword);
      await attempt.settle(isValid ? 'success' : 'failure', user.id);
      if (!isValid) throw new DomainError('forbidden', 'INVALID_CURRENT_PASSWORD', { detail: 'The current password is wrong.' });
      await assertPasswordAcceptable(input.newPassword, ports.commonPasswords);
      await users.setPasswordHash(user.id, await ports.passwordHasher.hash(input.newPassword));
      await sessionService.endSessions(user.id, 'password_changed', input.sessionId);
      await ports.securityEvents.record({ type: 'password_changed', at: clock.now(), userId: user.id, ip: input.ip });
    },

    /** The user's live sessions, the caller's marked `current`. */
    listSessions: async (userId: string, currentSessionId: string): Promise<SessionView[]> => {
      const all = await sessions.listByUser(userId);
      const now = clock.now();
      const candidates = all.filter((session) => session.expiresAt.getTime() > now.getTime());
      // One equality lookup per candidate: indexed on every server (FerretDB scans `$in`).
      const revoked = await Promise.all(candidates.map(async (session) => ((await sessions.isRevoked(session.id)) ? session.id : null)));
      const revokedIds = new Set(revoked);
      return liveSessions(candidates, (id) => revokedIds.has(id), now, currentSessionId);
    },

    /** Ends one of the user's own sessions (idempotent). Another user's or an unknown id: SESSION_NOT_FOUND. */
    revokeSession: async (userId: string, sessionId: string): Promise<void> => {
      const session = await sessions.findById(sessionId);
      if (!session || session.userId !== userId) throw sessionNotFound();
      await sessionService.endSession(sessionId, userId, 'session_deleted');
    },
  };
};
