import { describe, expect, it } from 'vitest';
import { createKeySchedule } from '../../../shared/identity/signing-key-schedule.ts';

describe('the signing-key schedule', () => {
  const schedule = createKeySchedule(30);

  it('should give every instant of one period the same key id and the next period another', () => {
    const period = schedule.periodOf(new Date('2026-11-26T10:00:00Z'));
    const start = schedule.startOf(period);
    expect(schedule.periodOf(start)).toBe(period);
    expect(schedule.periodOf(new Date(schedule.startOf(period + 1).getTime() - 1))).toBe(period);
    expect(schedule.kidOf(period)).not.toBe(schedule.kidOf(period + 1));
  });

  it('should keep a key verifying 15 minutes past the end of its period when tokens live 15 minutes', () => {
    const period = 700;
    expect(schedule.verifiesUntil(period).getTime() - schedule.startOf(period + 1).getTime()).toBe(15 * 60_000);
  });

  it('should refuse a rotation length that is not a positive whole number of days', () => {
    expect(() => createKeySchedule(0)).toThrow(RangeError);
    expect(() => createKeySchedule(1.5)).toThrow(RangeError);
  });
});
