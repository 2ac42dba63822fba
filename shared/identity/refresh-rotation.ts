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

export type RotationDecision =
  | { outcome: 'rotate'; next: RefreshTokenRecord }
  /** The token was already used: someone holds a copy. The whole family must be revoked. */
  | { outcome: 'reuse' }
  | { outcome: 'revoked' }
  | { outcome: 'expired' };

/**
 * What presenting a refresh token means. A revoked family stays revoked; a token with a
 * successor was used before (reuse); an expired one is refused; otherwise it is replaced by token
 * n + 1 — whose insert, unique on (familyId, seq), is the commit point: a concurrent use that loses
 * the insert is reuse too.
 */
export const decideRotation = (input: {
  record: RefreshTokenRecord;
  isFamilyRevoked: boolean;
  hasSuccessor: boolean;
  now: Date;
}): RotationDecision => {
  const { record, now } = input;
  if (input.isFamilyRevoked) return { outcome: 'revoked' };
  if (input.hasSuccessor) return { outcome: 'reuse' };
  if (record.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
  return {
    outcome: 'rotate',
    next: { ...record, seq: record.seq + 1, createdAt: now, expiresAt: new Date(now.getTime() + refreshTtlMs(record.rememberMe)) },
  };
};
