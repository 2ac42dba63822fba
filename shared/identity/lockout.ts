/** One recorded login attempt, as the lockout policy sees it. */
export interface LoginAttempt {
  success: boolean;
  at: Date;
}

/** Failures counted toward a lockout are those of the last 24 hours. */
export const lockoutWindowMs = 24 * 60 * 60 * 1000;

const minute = 60 * 1000;
/** Progressive steps (PRODUCT.md): from this many failures on, this long a lock after the latest one. */
const steps: readonly { failures: number; lockMs: number }[] = [
  { failures: 20, lockMs: 24 * 60 * minute },
  { failures: 10, lockMs: 60 * minute },
  { failures: 5, lockMs: 15 * minute },
  { failures: 3, lockMs: 5 * minute },
];

/** How long `failures` consecutive failures lock an account or an address, in milliseconds (0 = no lock). */
export const lockDurationMs = (failures: number): number => steps.find((step) => failures >= step.failures)?.lockMs ?? 0;

/**
 * Seconds until another attempt is allowed (0 = now), from recent attempts of one account or one
 * IP address in any order. A success resets an account's count (`resetOnSuccess`); for an
 * address it does not, so one valid account cannot clear the lock of a guessing address.
 */
export const lockoutSeconds = (attempts: readonly LoginAttempt[], now: Date, options: { resetOnSuccess: boolean }): number => {
  const since = now.getTime() - lockoutWindowMs;
  const recent = attempts.filter((attempt) => attempt.at.getTime() > since).sort((a, b) => b.at.getTime() - a.at.getTime());
  const lastSuccess = options.resetOnSuccess ? recent.findIndex((attempt) => attempt.success) : -1;
  const failures = (lastSuccess === -1 ? recent : recent.slice(0, lastSuccess)).filter((attempt) => !attempt.success);
  const latest = failures[0];
  if (latest === undefined) return 0;
  const until = latest.at.getTime() + lockDurationMs(failures.length);
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
};
