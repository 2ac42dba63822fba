import { describe, expect, it } from 'vitest';
import { backoffDelay, matches, parseIsoDuration } from '../../../scripts/dev/broker/triggers.ts';

describe('local broker trigger rules', () => {
  it('should match when every filter attribute equals the event attribute', () => {
    expect(matches({ type: 'com.uxflow.ops.heartbeat.v1' }, { type: 'com.uxflow.ops.heartbeat.v1', source: '/x' })).toBe(true);
  });

  it('should not match when one filter attribute differs or is absent', () => {
    expect(matches({ type: 'a', job: 'x' }, { type: 'a' })).toBe(false);
    expect(matches({ type: 'a' }, { type: 'b' })).toBe(false);
  });

  it('should match everything when the filter is empty', () => {
    expect(matches({}, { type: 'anything' })).toBe(true);
  });

  it.each([
    ['PT0.5S', 500],
    ['PT2S', 2000],
    ['PT1M', 60_000],
    ['PT1H30M', 5_400_000],
  ])('should read %s as %i ms when parsing a backoff delay', (value, ms) => {
    expect(parseIsoDuration(value)).toBe(ms);
  });

  it('should refuse a duration it cannot read when the format is wrong', () => {
    expect(() => parseIsoDuration('5s')).toThrow();
    expect(() => parseIsoDuration('PT')).toThrow();
  });

  it('should double the delay per retry when the policy is exponential and grow linearly otherwise', () => {
    const spec = { retry: 5, backoffDelayMs: 100 };
    expect([1, 2, 3].map((n) => backoffDelay({ ...spec, backoffPolicy: 'exponential' }, n))).toEqual([100, 200, 400]);
    expect([1, 2, 3].map((n) => backoffDelay({ ...spec, backoffPolicy: 'linear' }, n))).toEqual([100, 200, 300]);
  });
});
