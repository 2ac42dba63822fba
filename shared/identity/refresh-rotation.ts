/** Refresh tokens live 7 days, 30 with "remember me"; each rotation starts the period again. */
export const refreshTtlMs = (rememberMe: boolean): number => (rememberMe ? 30 : 7) * 24 * 60 * 60 * 1000;

/** A stored refresh token (the token itself is kept only as a hash). Token n of a family has `seq` n. */
export interface RefreshTokenRecord {
  familyId: string;
  userId: string;
  seq: number;
  rememberMe: boolean;
  expiresAt: Date;
  createdAt: Date;
}

/**
 * Two tabs of one browser that refresh at once present the same token; the loser of the rotation
 * gets the token the winner got, if it asks within this long after it was issued, from the same
 * client (address and user agent). Later, or from elsewhere, the old token is reuse.
 */
export const refreshGraceMs = 5_000;

/** The token that replaced a presented one (seq + 1), as the rotation sees it. */
export interface RefreshSuccessor {
  createdAt: Date;
  expiresAt: Date;
  /** The successor itself, opened with the presented token; null when it cannot be handed over. */
  token: string | null;
  /** Whether the rotation that issued it came from the client presenting the old token now. */
  sameClient: boolean;
  /** Whether the successor was rotated in its turn (then nobody may get it again). */
  rotated: boolean;
}

export type RotationDecision =
  | { outcome: 'rotate'; next: RefreshTokenRecord }
  /** The concurrent loser of a rotation: it gets the token already issued, no new one. */
  | { outcome: 'hand_over'; token: string; expiresAt: Date }
  /** The token was already used: someone holds a copy. The whole family must be revoked. */
  | { outcome: 'reuse' }
  | { outcome: 'revoked' }
  | { outcome: 'expired' };

const withinGrace = (successor: RefreshSuccessor, now: Date) =>
  successor.sameClient &&
  !successor.rotated &&
  now.getTime() - successor.createdAt.getTime() <= refreshGraceMs &&
  successor.expiresAt.getTime() > now.getTime();

/**
 * What presenting a refresh token means. A revoked family stays revoked; a token with a
 * successor was used before: within the grace (same client, successor not yet rotated) the
 * successor is handed over, otherwise it is reuse; an expired one is refused; otherwise it is
 * replaced by token n + 1 — whose insert, unique on (familyId, seq), is the commit point: a
 * concurrent use that loses the insert reads the winner's successor and is decided again.
 */
export const decideRotation = (input: {
  record: RefreshTokenRecord;
  isFamilyRevoked: boolean;
  successor: RefreshSuccessor | null;
  now: Date;
}): RotationDecision => {
  const { record, successor, now } = input;
  if (input.isFamilyRevoked) return { outcome: 'revoked' };
  if (successor) {
    const { token } = successor;
    return token !== null && withinGrace(successor, now)
      ? { outcome: 'hand_over', token, expiresAt: successor.expiresAt }
      : { outcome: 'reuse' };
  }
  if (record.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
  return {
    outcome: 'rotate',
    next: { ...record, seq: record.seq + 1, createdAt: now, expiresAt: new Date(now.getTime() + refreshTtlMs(record.rememberMe)) },
  };
};
