import { describe, expect, it } from 'vitest';
import {
  decideRotation,
  refreshGraceMs,
  refreshTtlMs,
  type RefreshSuccessor,
  type RefreshTokenRecord,
} from '../../../shared/identity/index.ts';

const now = new Date('2025-01-01T12:00:00Z');
const record: RefreshTokenRecord = {
  familyId: 'ses_1',
  userId: 'usr_1',
  seq: 3,
  rememberMe: false,
  createdAt: new Date(now.getTime() - 1000),
  expiresAt: new Date(now.getTime() + 1000),
};
/** Token 4, issued `msAgo` before now by a concurrent refresh. */
const successor = (msAgo: number, changes: Partial<RefreshSuccessor> = {}): RefreshSuccessor => ({
  createdAt: new Date(now.getTime() - msAgo),
  expiresAt: new Date(now.getTime() - msAgo + refreshTtlMs(false)),
  token: 'rt_next',
  sameClient: true,
  rotated: false,
  ...changes,
});
const decide = (input: Partial<Parameters<typeof decideRotation>[0]>) =>
  decideRotation({ record, isFamilyRevoked: false, successor: null, now, ...input });

describe('refresh-token rotation', () => {
  it('should rotate to seq + 1 with a fresh lifetime when the token is current', () => {
    expect(decide({})).toEqual({
      outcome: 'rotate',
      next: { ...record, seq: 4, createdAt: now, expiresAt: new Date(now.getTime() + refreshTtlMs(false)) },
    });
  });

  it('should hand over the successor when the same client asks again within the grace', () => {
    const next = successor(refreshGraceMs);
    expect(decide({ successor: next })).toEqual({ outcome: 'hand_over', token: 'rt_next', expiresAt: next.expiresAt });
  });

  it.each([
    ['after the grace', successor(refreshGraceMs + 1)],
    ['from another client', successor(100, { sameClient: false })],
    ['once the successor was rotated too', successor(100, { rotated: true })],
    ['when the successor cannot be opened', successor(100, { token: null })],
  ])('should report reuse when the token already has a successor and it comes back %s', (_, next) => {
    expect(decide({ successor: next }).outcome).toBe('reuse');
  });

  it('should refuse when the family is revoked, even for an old token', () => {
    expect(decide({ isFamilyRevoked: true, successor: successor(100) }).outcome).toBe('revoked');
  });

  it('should refuse when the token has expired', () => {
    expect(decide({ record: { ...record, expiresAt: now } }).outcome).toBe('expired');
  });

  it('should keep 30 days when remember me was chosen', () => {
    expect(refreshTtlMs(true)).toBe(30 * 24 * 60 * 60 * 1000);
    expect(refreshTtlMs(false)).toBe(7 * 24 * 60 * 60 * 1000);
  });
});
