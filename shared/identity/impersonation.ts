import type { AuditLog } from '../audit/index.ts';
import { DomainError, newId } from '../kernel/index.ts';
import type { AccessTokens } from './access-token.ts';
import type { Clock, Session, Sessions, Users } from './ports.ts';

/** The longest time box of a support impersonation. */
export const maxImpersonationMinutes = 30;

export interface ImpersonationPorts {
  users: Pick<Users, 'findById'>;
  sessions: Sessions;
  accessTokens: AccessTokens;
  audit: Pick<AuditLog, 'record'>;
  /** The user's write consents, one per impersonation (an insert: granting twice is harmless). */
  grants: {
    grantWrite: (impersonationId: string, at: Date) => Promise<boolean>;
    hasWriteGrant: (impersonationId: string) => Promise<boolean>;
  };
  clock: Clock;
}

/** An impersonation as the user sees it on their account (the banner). */
export interface ImpersonationView {
  id: string;
  reason: string;
  startedAt: Date;
  expiresAt: Date;
  writable: boolean;
}

const notFound = () => new DomainError('not_found', 'IMPERSONATION_NOT_FOUND', { detail: 'No such impersonation.' });
const isLive = (session: Session, now: Date) => (session.expiresAt?.getTime() ?? 0) > now.getTime();

/**
 * Support impersonation: a session of the user with its own id (`imp_…`), no refresh token and a
 * time box of at most 30 minutes, started by support staff for a stated reason. The authenticator
 * keeps it read-only unless the user grants writes, and audits every request made with it; the
 * user sees it (a banner on their account, an entry in their session list) and can end it there.
 */
export const createImpersonations = (ports: ImpersonationPorts) => {
  const { sessions, clock, audit } = ports;

  const findLive = async (impersonationId: string, userId?: string) => {
    const session = await sessions.findById(impersonationId);
    if (!session?.impersonation || (userId !== undefined && session.userId !== userId)) throw notFound();
    if (!isLive(session, clock.now()) || (await sessions.isRevoked(session.id))) throw notFound();
    return session as Session & { impersonation: NonNullable<Session['impersonation']>; expiresAt: Date };
  };

  return {
    /** USER_NOT_FOUND (404) for an unknown user; IMPERSONATION_NOT_ALLOWED (403) for staff accounts and oneself. */
    start: async (staffUserId: string, input: { userId: string; reason: string; minutes: number }) => {
      const user = await ports.users.findById(input.userId);
      if (!user) throw new DomainError('not_found', 'USER_NOT_FOUND', { detail: 'No such user.' });
      if (user.platformRoles.length > 0 || user.id === staffUserId)
        throw new DomainError('forbidden', 'IMPERSONATION_NOT_ALLOWED', { detail: 'Staff accounts cannot be impersonated.' });
      const minutes = Math.min(Math.max(1, Math.floor(input.minutes)), maxImpersonationMinutes);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + minutes * 60_000);
      const id = newId('imp');
      const impersonation = { staffUserId, reason: input.reason };
      await sessions.create({ id, userId: user.id, rememberMe: false, createdAt: now, lastUsedAt: null, expiresAt, impersonation });
      try {
        await audit.record({
          action: 'staff.impersonation_started',
          key: `${id}:started`,
          actor: { type: 'staff', id: staffUserId, userId: staffUserId },
          target: { type: 'user', id: user.id },
          details: { impersonationId: id, reason: input.reason.slice(0, 300), minutes, expiresAt: expiresAt.toISOString() },
        });
      } catch (error) {
        // Not audited, so it must not be usable.
        await sessions.revoke(id, 'impersonation_ended', clock.now());
        throw error;
      }
      const token = await ports.accessTokens.issue({ userId: user.id, sessionId: id, platformRoles: [] }, { ttlSeconds: minutes * 60 });
      return { id, userId: user.id, startedAt: now, expiresAt, accessToken: token.token, expiresIn: token.expiresIn };
    },

    /** Ends an impersonation early (idempotent for a live one). IMPERSONATION_NOT_FOUND once it is over. */
    end: async (staffUserId: string, impersonationId: string): Promise<void> => {
      const session = await findLive(impersonationId);
      await sessions.revoke(session.id, 'impersonation_ended', clock.now());
      await audit.record({
        action: 'staff.impersonation_ended',
        key: `${session.id}:ended`,
        actor: { type: 'staff', id: staffUserId, userId: staffUserId },
        target: { type: 'user', id: session.userId },
        details: { impersonationId: session.id, startedBy: session.impersonation.staffUserId },
      });
    },

    /** The user lets one of their live impersonations write (never their account, key or billing settings). */
    grantWrite: async (userId: string, impersonationId: string): Promise<void> => {
      const session = await findLive(impersonationId, userId);
      if (!(await ports.grants.grantWrite(session.id, clock.now()))) return;
      await audit.record({
        action: 'staff.impersonation_write_granted',
        key: `${session.id}:write`,
        actor: { type: 'user', id: userId, userId },
        target: { type: 'user', id: userId },
        details: { impersonationId: session.id, staffUserId: session.impersonation.staffUserId },
      });
    },

    /** The user's live impersonations, newest first: the banner of their account. */
    activeFor: async (userId: string): Promise<ImpersonationView[]> => {
      const now = clock.now();
      const candidates = (await sessions.listByUser(userId)).filter((s) => s.impersonation && isLive(s, now));
      const live = await Promise.all(
        candidates.map(async (s) =>
          (await sessions.isRevoked(s.id)) ? null : { session: s, writable: await ports.grants.hasWriteGrant(s.id) },
        ),
      );
      return live
        .filter((x) => x !== null)
        .map(({ session, writable }) => ({
          id: session.id,
          reason: session.impersonation!.reason,
          startedAt: session.createdAt,
          expiresAt: session.expiresAt,
          writable,
        }))
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
    },
  };
};

export type Impersonations = ReturnType<typeof createImpersonations>;
