import { describe, expect, it } from 'vitest';
import {
  accountLockoutSeconds,
  addressLockoutSeconds,
  lockDurationMs,
  type AttemptOutcome,
  type LoginAttempt,
} from '../../../shared/identity/index.ts';

const now = new Date('2025-01-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const attempts = (count: number, secondsAgo = 0, outcome: AttemptOutcome = 'failure'): LoginAttempt[] =>
  Array.from({ length: count }, () => ({ outcome, at: ago(secondsAgo) }));
const policy = { maxFailures: 30, windowMs: 60 * 60 * 1000 };

describe('account lockout', () => {
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
    expect(accountLockoutSeconds(attempts(count, 0), now)).toBe(seconds);
  });

  it('should count from the latest failure when time has passed', () => {
    expect(accountLockoutSeconds(attempts(3, 60), now)).toBe(4 * 60);
    expect(accountLockoutSeconds(attempts(3, 5 * 60), now)).toBe(0);
  });

  it('should ignore failures older than 24 hours when counting', () => {
    expect(accountLockoutSeconds(attempts(25, 25 * 60 * 60), now)).toBe(0);
  });

  it('should reset after a success, and ignore attempts that ended void', () => {
    expect(accountLockoutSeconds([{ outcome: 'success', at: ago(5) }, ...attempts(3, 10)], now)).toBe(0);
    expect(accountLockoutSeconds([...attempts(1, 5, 'void'), ...attempts(2, 10)], now)).toBe(0);
    expect(accountLockoutSeconds([...attempts(5, 5, 'void'), ...attempts(3, 10)], now)).toBe(5 * 60 - 10);
  });

  it('should refuse a guess while the allowance is in flight, and say to retry in a second', () => {
    expect(accountLockoutSeconds([...attempts(2, 0, 'pending'), ...attempts(1, 10)], now)).toBe(1);
    expect(accountLockoutSeconds([...attempts(1, 0, 'pending'), ...attempts(3, 10)], now)).toBe(5 * 60);
  });

  it('should count an abandoned pending attempt as the failure it may have been', () => {
    expect(accountLockoutSeconds(attempts(3, 120, 'pending'), now)).toBe(3 * 60);
  });
});

describe('address lockout', () => {
  it('should leave an address alone below the threshold, whatever the accounts', () => {
    expect(addressLockoutSeconds(attempts(29, 10), now, policy)).toBe(0);
    expect(addressLockoutSeconds([...attempts(3, 1), ...attempts(26, 10)], now, policy)).toBe(0);
  });

  it('should lock until enough failures have left the window when the threshold is reached', () => {
    expect(addressLockoutSeconds(attempts(30, 60), now, policy)).toBe(59 * 60);
    // The 30th newest failure leaves the window first: the 10 older ones do not prolong the lock.
    expect(addressLockoutSeconds([...attempts(29, 60), ...attempts(11, 600)], now, policy)).toBe(50 * 60);
    expect(addressLockoutSeconds([...attempts(29, 60), ...attempts(2, 2 * 3600)], now, policy)).toBe(0);
  });

  it('should count pending attempts and never lift the lock for successes', () => {
    expect(addressLockoutSeconds([...attempts(5, 0, 'pending'), ...attempts(25, 60)], now, policy)).toBe(59 * 60);
    expect(addressLockoutSeconds([...attempts(5, 0, 'success'), ...attempts(30, 60)], now, policy)).toBe(59 * 60);
  });
});
