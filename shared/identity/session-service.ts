import { DomainError, newId } from '../kernel/index.ts';
import type { AccessTokens } from './access-token.ts';
import type { Clock, RefreshClient, RefreshTokens, RevocationReason, SecurityEvents, Sessions, User } from './ports.ts';
import { decideRotation, refreshTtlMs } from './refresh-rotation.ts';
import { newSecret, secretsEqual } from './secrets.ts';

/** How a session was started (the sign-in's audit entry says it). */
export type SignInMethod = 'password' | 'oauth' | 'registration';

/** What a login, a registration or a refresh hands out. */
export interface SessionTokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  /** The double-submit CSRF token for cookie-based refresh (same lifetime as the refresh token). */
  csrfToken: string;
  /** Seconds until the refresh token expires. */
  refreshExpiresIn: number;
}

/** How a refresh token arrived: in the body, or in a cookie with the CSRF cookie and header. */
export type RefreshCredential = { refreshToken: string } | { refreshToken: string; csrfCookie: string; csrfHeader: string };

const invalidRefresh = () => new DomainError('unauthenticated', 'INVALID_REFRESH_TOKEN', { detail: 'The refresh token is not valid.' });

/** Sessions as refresh-token families: start, rotate with reuse detection, end. */
export const createSessionService = (ports: {
  sessions: Sessions;
  refreshTokens: RefreshTokens;
  accessTokens: AccessTokens;
  securityEvents: SecurityEvents;
  clock: Clock;
}) => {
  const { sessions, refreshTokens, accessTokens, securityEvents, clock } = ports;

  const tokensFor = async (user: Pick<User, 'id' | 'platformRoles'>, sessionId: string, refreshToken: string, ttlMs: number) => {
    const { token, expiresIn } = await accessTokens.issue({ userId: user.id, sessionId, platformRoles: user.platformRoles });
    return { accessToken: token, expiresIn, refreshToken, csrfToken: newSecret('csrf'), refreshExpiresIn: Math.floor(ttlMs / 1000) };
  };

  /**
   * Revokes a session and records `session_ended` (the audit log's entry), keyed by the session:
   * a retry after a failed record records it then, and never twice.
   */
  const endSession = async (sessionId: string, userId: string, reason: RevocationReason, now: Date, ip?: string) => {
    await sessions.revoke(sessionId, reason, now);
    await securityEvents.record({
      type: 'session_ended',
      key: `session_ended|${sessionId}`,
      at: now,
      userId,
      ...(ip ? { ip } : {}),
      details: { sessionId, reason },
    });
  };

  const revokeForReuse = async (familyId: string, userId: string) => {
    const now = clock.now();
    await endSession(familyId, userId, 'refresh_token_reused', now);
    await securityEvents.record({ type: 'refresh_token_reused', at: now, userId, details: { sessionId: familyId } });
    return new DomainError('unauthenticated', 'REFRESH_TOKEN_REUSED', {
      detail: 'The refresh token was already used; the session is revoked.',
    });
  };

  /** Ends every session of a user but `keepSessionId` (the caller's own, when it stays signed in). */
  const endSessions = async (userId: string, reason: RevocationReason, keepSessionId?: string): Promise<void> => {
    const now = clock.now();
    const all = await sessions.listByUser(userId);
    await Promise.all(
      all
        .filter((session) => session.id !== keepSessionId)
        // An expired session is revoked too (belt and braces) but was no longer live: nothing ended.
        .map((session) =>
          session.expiresAt.getTime() > now.getTime()
            ? endSession(session.id, userId, reason, now)
            : sessions.revoke(session.id, reason, now),
        ),
    );
  };

  return {
    /** Starts a session (token family, seq 0) for a user who has just proven who they are. */
    start: async (
      user: Pick<User, 'id' | 'platformRoles'>,
      rememberMe: boolean,
      { method, ...client }: { ip?: string; userAgent?: string; secondFactor?: boolean; method: SignInMethod },
    ): Promise<SessionTokens> => {
      const now = clock.now();
      const ttlMs = refreshTtlMs(rememberMe);
      const expiresAt = new Date(now.getTime() + ttlMs);
      const session = { id: newId('ses'), userId: user.id, rememberMe, createdAt: now, lastUsedAt: null, expiresAt, ...client };
      await sessions.create(session);
      // The sign-in's audit entry; recorded before any token is handed out, so none goes unrecorded.
      await securityEvents.record({
        type: 'signed_in',
        key: `signed_in|${session.id}`,
        at: now,
        userId: user.id,
        ...(client.ip ? { ip: client.ip } : {}),
        details: { sessionId: session.id, reason: method },
      });
      const refreshToken = newSecret('rt');
      await refreshTokens.insert(refreshToken, { familyId: session.id, userId: user.id, seq: 0, rememberMe, createdAt: now, expiresAt });
      return tokensFor(user, session.id, refreshToken, ttlMs);
    },

    /**
     * Replaces a refresh token by the next of its family. Throws CSRF_FAILED (forbidden) for a cookie
     * without a matching CSRF header, REFRESH_TOKEN_REUSED (after revoking the family) for a token
     * used before, INVALID_REFRESH_TOKEN for unknown, expired or revoked ones. A concurrent refresh
     * of the same token by the same client within the grace gets the token the winner got.
     */
    refresh: async (
      credential: RefreshCredential,
      user: (userId: string) => Promise<User | null>,
      client: RefreshClient = {},
    ): Promise<SessionTokens> => {
      if ('csrfCookie' in credential && !secretsEqual(credential.csrfCookie, credential.csrfHeader)) {
        await securityEvents.record({ type: 'csrf_failed', at: clock.now() });
        throw new DomainError('forbidden', 'CSRF_FAILED', { detail: 'The X-CSRF-Token header does not match the CSRF cookie.' });
      }
      const presented = credential.refreshToken;
      const record = await refreshTokens.findByToken(presented);
      if (!record) throw invalidRefresh();
      const decide = async () => {
        const [isFamilyRevoked, found] = await Promise.all([
          sessions.isRevoked(record.familyId),
          refreshTokens.successorOf(presented, record, client),
        ]);
        const successor = found && { ...found, rotated: await refreshTokens.hasSuccessor(record.familyId, record.seq + 1) };
        return decideRotation({ record, isFamilyRevoked, successor, now: clock.now() });
      };
      const ownerOf = async () => (await user(record.userId)) ?? Promise.reject(invalidRefresh());

      let decision = await decide();
      if (decision.outcome === 'rotate') {
        const owner = await ownerOf();
        const refreshToken = newSecret('rt');
        if (await refreshTokens.insert(refreshToken, decision.next, { previousToken: presented, client })) {
          await sessions.touch(record.familyId, decision.next.createdAt, decision.next.expiresAt);
          return tokensFor(owner, record.familyId, refreshToken, refreshTtlMs(record.rememberMe));
        }
        // Lost the insert to a concurrent rotation: decide again against the winner's token.
        decision = await decide();
      }
      if (decision.outcome === 'hand_over') {
        const ttlMs = decision.expiresAt.getTime() - clock.now().getTime();
        return tokensFor(await ownerOf(), record.familyId, decision.token, ttlMs);
      }
      if (decision.outcome === 'reuse' || decision.outcome === 'rotate') throw await revokeForReuse(record.familyId, record.userId);
      throw invalidRefresh();
    },

    /** Ends the session of a refresh token. Unknown tokens are ignored (logging out twice is fine). */
    logout: async (refreshToken: string): Promise<void> => {
      const record = await refreshTokens.findByToken(refreshToken);
      if (record) await endSession(record.familyId, record.userId, 'logout', clock.now());
    },

    /** Ends every session of a user. */
    logoutAll: (userId: string): Promise<void> => endSessions(userId, 'logout_all'),
    endSessions,
    /** Ends one session (idempotent), recording it. */
    endSession: (sessionId: string, userId: string, reason: RevocationReason) => endSession(sessionId, userId, reason, clock.now()),
  };
};

export type SessionService = ReturnType<typeof createSessionService>;
