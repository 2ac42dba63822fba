/**
 * How a login attempt ended. An attempt is recorded `pending` before its password is checked, so
 * concurrent guesses see each other; `void` ended without a verdict on the password holder (a
 * right password still waiting for its second factor) and counts neither way.
 */
export type AttemptOutcome = 'pending' | 'success' | 'failure' | 'void';

/** One recorded login attempt, as the lockout policy sees it. */
export interface LoginAttempt {
  outcome: AttemptOutcome;
  at: Date;
}

/** Failures counted toward an account's lockout are those of the last 24 hours. */
export const lockoutWindowMs = 24 * 60 * 60 * 1000;

/**
 * A pending attempt older than this was abandoned (its function died mid-check) and counts as the
 * failure it may have been; a younger one is still in flight.
 */
export const pendingStaleMs = 60 * 1000;

const minute = 60 * 1000;
/** Progressive steps (docs/product.md): from this many failures on, this long a lock after the latest one. */
const steps: readonly { failures: number; lockMs: number }[] = [
  { failures: 20, lockMs: 24 * 60 * minute },
  { failures: 10, lockMs: 60 * minute },
  { failures: 5, lockMs: 15 * minute },
  { failures: 3, lockMs: 5 * minute },
];

/** The most attempts a check reads: enough to reach the top step with successes and in-flight attempts in between. */
export const accountAttemptsToRead = 50;

/** How long `failures` failures lock an account, in milliseconds (0 = no lock). */
export const lockDurationMs = (failures: number): number => steps.find((step) => failures >= step.failures)?.lockMs ?? 0;

const secondsUntil = (until: number, now: Date) => Math.max(0, Math.ceil((until - now.getTime()) / 1000));

const isInFlight = (attempt: LoginAttempt, now: Date) =>
  attempt.outcome === 'pending' && now.getTime() - attempt.at.getTime() < pendingStaleMs;

/** Failures and pending attempts count against the caller; successes and void attempts do not. */
const counts = (attempt: LoginAttempt) => attempt.outcome === 'failure' || attempt.outcome === 'pending';

const accountLockMs = (newestFirst: readonly LoginAttempt[], now: Date): number => {
  const since = now.getTime() - lockoutWindowMs;
  const recent = newestFirst.filter((attempt) => attempt.at.getTime() > since);
  const lastSuccess = recent.findIndex((attempt) => attempt.outcome === 'success');
  const failures = (lastSuccess === -1 ? recent : recent.slice(0, lastSuccess)).filter(counts);
  const latest = failures[0];
  return latest === undefined ? 0 : latest.at.getTime() + lockDurationMs(failures.length);
};

/**
 * Seconds until the account may try again (0 = now), from its attempts newest first (in the order
 * they were recorded). A success resets the count. Pending attempts count as failures, so guesses
 * in flight cannot all pass the check; when only those make the lock, it is worth retrying in a
 * second (they settle within one), not for the whole step.
 */
export const accountLockoutSeconds = (newestFirst: readonly LoginAttempt[], now: Date): number => {
  const pessimistic = secondsUntil(accountLockMs(newestFirst, now), now);
  if (pessimistic === 0) return 0;
  const settled = secondsUntil(
    accountLockMs(
      newestFirst.filter((attempt) => !isInFlight(attempt, now)),
      now,
    ),
    now,
  );
  return settled === 0 ? 1 : pessimistic;
};

/** The per-address lock: many failures from one address, across accounts (credential stuffing). */
export interface AddressLockPolicy {
  /** Failures (any accounts) within the window that lock the address. */
  maxFailures: number;
  windowMs: number;
}

/**
 * Seconds until an address may try again (0 = now), from its failed and pending attempts. A
 * sliding window: the lock ends when enough failures have aged out of it. Successes from the
 * address never lift it (one valid account must not clear a guessing address), but a threshold
 * far above the account's keeps people who share an address (an office, a carrier) unaffected.
 */
export const addressLockoutSeconds = (attempts: readonly LoginAttempt[], now: Date, policy: AddressLockPolicy): number => {
  const since = now.getTime() - policy.windowMs;
  const failures = attempts
    .filter((attempt) => counts(attempt) && attempt.at.getTime() > since)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const edge = failures[policy.maxFailures - 1];
  return edge === undefined ? 0 : secondsUntil(edge.at.getTime() + policy.windowMs, now);
};
