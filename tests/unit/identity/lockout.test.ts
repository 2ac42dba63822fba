import { describe, expect, it } from 'vitest';
import { lockDurationMs, lockoutSeconds, type LoginAttempt } from '../../../shared/identity/index.ts';

const now = new Date('2025-01-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const failures = (count: number, secondsAgo = 0): LoginAttempt[] =>
  Array.from({ length: count }, () => ({ success: false, at: ago(secondsAgo) }));

describe('lockout', () => {
  it.each([
    [2, 0],
    [3, 5 * 60],
    [4, 5 * 60],
    [5, 15 * 60],
    [10, 60 * 60],
    [19, 60 * 60],
    [20, 24 * 60 * 60],
  ])('should lock for the step when %i failures were just made', (count, seconds) => {
    expect(lockDurationMs(count)).toBe(seconds * 1000);
    expect(lockoutSeconds(failures(count), now, { resetOnSuccess: true })).toBe(seconds);
  });

  it('should count from the latest failure when time has passed', () => {
    expect(lockoutSeconds(failures(3, 60), now, { resetOnSuccess: true })).toBe(4 * 60);
    expect(lockoutSeconds(failures(3, 5 * 60), now, { resetOnSuccess: true })).toBe(0);
  });

  it('should ignore failures older than 24 hours when counting', () => {
    expect(lockoutSeconds(failures(25, 25 * 60 * 60), now, { resetOnSuccess: true })).toBe(0);
  });

  it('should reset an account after a success but not an address', () => {
    const attempts = [...failures(3, 10), { success: true, at: ago(5) }];
    expect(lockoutSeconds(attempts, now, { resetOnSuccess: true })).toBe(0);
    expect(lockoutSeconds(attempts, now, { resetOnSuccess: false })).toBe(5 * 60 - 10);
  });
});
