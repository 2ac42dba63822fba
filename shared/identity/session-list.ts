import type { Session } from './ports.ts';

/** A session as its owner sees it in the list of their devices. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  /** The session the request was made with. */
  current: boolean;
  /** Set for a support impersonation: staff acting as the user, for this reason, until `expiresAt`. */
  impersonation: { reason: string } | null;
}

/**
 * The live sessions of a user, most recently used first: not revoked and with an unexpired
 * refresh token.
 */
export const liveSessions = (
  sessions: readonly (Session & { expiresAt: Date })[],
  isRevoked: (sessionId: string) => boolean,
  now: Date,
  currentSessionId: string,
): SessionView[] =>
  sessions
    .filter((session) => session.expiresAt.getTime() > now.getTime() && !isRevoked(session.id))
    .map((session) => ({
      id: session.id,
      createdAt: session.createdAt,
      lastUsedAt: session.lastUsedAt ?? null,
      expiresAt: session.expiresAt,
      ip: session.ip ?? null,
      userAgent: session.userAgent ?? null,
      current: session.id === currentSessionId,
      impersonation: session.impersonation ? { reason: session.impersonation.reason } : null,
    }))
    .sort((a, b) => (b.lastUsedAt ?? b.createdAt).getTime() - (a.lastUsedAt ?? a.createdAt).getTime());
