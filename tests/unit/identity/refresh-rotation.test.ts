import { describe, expect, it } from 'vitest';
import { decideRotation, refreshTtlMs, type RefreshTokenRecord } from '../../../shared/identity/index.ts';

const now = new Date('2025-01-01T12:00:00Z');
const record: RefreshTokenRecord = {
  familyId: 'ses_1',
  userId: 'usr_1',
  seq: 3,
  rememberMe: false,
  createdAt: new Date(now.getTime() - 1000),
  expiresAt: new Date(now.getTime() + 1000),
};

describe('refresh-token rotation', () => {
  it('should rotate to seq + 1 with a fresh lifetime when the token is current', () => {
    const decision = decideRotation({ record, isFamilyRevoked: false, hasSuccessor: false, now });
    expect(decision).toEqual({
      outcome: 'rotate',
      next: { ...record, seq: 4, createdAt: now, expiresAt: new Date(now.getTime() + refreshTtlMs(false)) },
    });
  });

  it('should report reuse when the token already has a successor', () => {
    expect(decideRotation({ record, isFamilyRevoked: false, hasSuccessor: true, now }).outcome).toBe('reuse');
  });

  it('should refuse when the family is revoked, even for an old token', () => {
    expect(decideRotation({ record, isFamilyRevoked: true, hasSuccessor: true, now }).outcome).toBe('revoked');
  });

  it('should refuse when the token has expired', () => {
    expect(decideRotation({ record: { ...record, expiresAt: now }, isFamilyRevoked: false, hasSuccessor: false, now }).outcome).toBe(
      'expired',
    );
  });

  it('should keep 30 days when remember me was chosen', () => {
    expect(refreshTtlMs(true)).toBe(30 * 24 * 60 * 60 * 1000);
    expect(refreshTtlMs(false)).toBe(7 * 24 * 60 * 60 * 1000);
  });
});
