import { accessTokenTtlSeconds } from './access-token.ts';

const dayMs = 86_400_000;

/**
 * Signing keys rotate on a fixed calendar: period p covers [p × length, (p + 1) × length). The key
 * of a period has a deterministic id, so any number of instances creating "the key of period p" at
 * once insert the same id and all but one get a duplicate-key error: rotation needs no lock.
 * A key signs during its period and verifies until its tokens have expired.
 */
export interface KeySchedule {
  periodOf: (at: Date) => number;
  kidOf: (period: number) => string;
  /** When the period's key starts signing. */
  startOf: (period: number) => Date;
  /** After this instant no token signed with the period's key can still be valid. */
  verifiesUntil: (period: number) => Date;
}

export const createKeySchedule = (rotationDays: number): KeySchedule => {
  if (!Number.isInteger(rotationDays) || rotationDays < 1) throw new RangeError('rotationDays must be a positive integer');
  const length = rotationDays * dayMs;
  const startOf = (period: number) => new Date(period * length);
  return {
    periodOf: (at) => Math.floor(at.getTime() / length),
    kidOf: (period) => `es256-${rotationDays}d-${period}`,
    startOf,
    verifiesUntil: (period) => new Date(startOf(period + 1).getTime() + accessTokenTtlSeconds * 1000),
  };
};
