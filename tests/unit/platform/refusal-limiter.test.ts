import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../shared/platform/config/index.ts';
import { rateLimitConfig, type RateLimitSettings } from '../../../shared/platform/rate-limit/rate-limit-config.ts';
import { createRateLimiter, failOpenMs, type RateCounter } from '../../../shared/platform/rate-limit/rate-limiter.ts';
import { authRefusalsRule } from '../../../shared/platform/rate-limit/rules.ts';
import { rateLimitedProblem } from '../../../shared/platform/rate-limit/headers.ts';
import type { SecurityEvent } from '../../../shared/security/index.ts';

const settingsFor = (appEnv: string, extra: Record<string, string> = {}) =>
  loadConfig([rateLimitConfig], {
    APP_ENV: appEnv,
    RATE_LIMIT_UPGRADE_URL: 'https://app.uxflow.dev/billing',
    ...extra,
  }) as unknown as RateLimitSettings;
const production = settingsFor('production');
const subject = { ip: '203.0.113.9', functionName: 'flows-get' };

/** A scripted counter port: what Redis would answer, in order (an Error: Redis unreachable). */
const scriptedCounter = (answers: { peek?: (number | Error)[]; hit?: (number | Error)[] }) => {
  const resetAt = Date.now() + 600_000;
  const next = (list: (number | Error)[] | undefined) => {
    const answer = list?.shift();
    if (answer === undefined) throw new Error('unexpected call');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const calls = { peek: 0, hit: 0 };
  const counter: RateCounter = {
    peek: async () => {
      calls.peek += 1;
      return { remaining: next(answers.peek), resetAt };
    },
    // A fixed window: the count after this hit is allowed up to the figure, remaining never below 0.
    hit: async (rule) => {
      calls.hit += 1;
      const used = next(answers.hit);
      return { allowed: used <= rule.max, remaining: Math.max(0, rule.max - used), resetAt, fromCache: false };
    },
  };
  return { counter, calls };
};

const limiterWith = (counter: RateCounter, settings = production) => {
  const events: SecurityEvent[] = [];
  const log = pino({ level: 'silent' });
  const warn = vi.spyOn(log, 'warn');
  const limiter = createRateLimiter({
    counter,
    plans: { planOf: async () => 'free' },
    securityEvents: { record: async (event) => void events.push(event) },
    settings,
    log,
  });
  return { limiter, events, warn };
};

describe('the refused-authentications rule', () => {
  it('should allow 200 refusals per IP in a fixed 10-minute window when the settings are the production defaults', () => {
    expect(authRefusalsRule('203.0.113.9', production)).toEqual({
      name: 'auth-refusals',
      scope: 'ip',
      key: 'auth-refusals:ip:203.0.113.9',
      max: 200,
      windowSeconds: 600,
      fixedWindow: true,
      counts: 'refused authentications',
    });
  });

  it('should multiply the figure like every per-IP limit and take its window from the settings', () => {
    const settings = settingsFor('development', { RATE_LIMIT_AUTH_REFUSALS_PER_IP: '7', RATE_LIMIT_AUTH_REFUSALS_MINUTES: '3' });
    expect(authRefusalsRule('203.0.113.9', settings)).toMatchObject({ max: 700, windowSeconds: 180 });
  });

  it('should say in the 429 that refused authentications were counted', () => {
    const rule = authRefusalsRule('203.0.113.9', production);
    const problem = rateLimitedProblem({ allowed: false, rule, remaining: 0, resetAt: 61_000 }, 0, 'https://x');
    expect(problem).toMatchObject({ status: 429, code: 'RATE_LIMITED', limit: 'auth-refusals', scope: 'ip', max: 200, retryAfter: 61 });
    expect(problem.detail).toMatch(/refused authentications/);
  });
});

describe('the rate limiter before authentication', () => {
  it('should let the request through when the address has refusals left, counting nothing', async () => {
    const { counter, calls } = scriptedCounter({ peek: [1] });
    expect(await limiterWith(counter).limiter.checkRefusals(subject)).toBeNull();
    expect(calls).toEqual({ peek: 1, hit: 0 });
  });

  it('should refuse with the refusal rule and its reset when the address has none left', async () => {
    const { counter } = scriptedCounter({ peek: [0] });
    const decision = await limiterWith(counter).limiter.checkRefusals(subject);
    expect(decision).toMatchObject({ allowed: false, remaining: 0, rule: { name: 'auth-refusals', max: 200 } });
    expect(decision!.resetAt).toBeGreaterThan(Date.now());
  });

  it('should record one rate_limited event when a refusal takes the last one left, and none before or after', async () => {
    const { counter } = scriptedCounter({ hit: [199, 200, 201, 202] });
    const { limiter, events } = limiterWith(counter);
    for (let i = 0; i < 4; i += 1) await limiter.countRefusal(subject);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'rate_limited',
      ip: '203.0.113.9',
      details: { limit: 'auth-refusals', max: 200, functionName: 'flows-get' },
    });
  });

  it('should fail open with one warning and skip Redis for a while when Redis cannot be reached', async () => {
    const { counter, calls } = scriptedCounter({ peek: [new Error('ECONNREFUSED')], hit: [] });
    const { limiter, events, warn } = limiterWith(counter);
    expect(await limiter.checkRefusals(subject)).toBeNull();
    await expect(limiter.countRefusal(subject)).resolves.toBeUndefined();
    expect(await limiter.checkRefusals(subject)).toBeNull();
    expect(calls).toEqual({ peek: 1, hit: 0 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(events).toEqual([]);
    expect(failOpenMs).toBeGreaterThan(0);
  });

  it('should fail open when Redis answers slower than the timeout', async () => {
    const slow: RateCounter = {
      peek: () => new Promise((resolve) => setTimeout(() => resolve({ remaining: 0, resetAt: 0 }), 200)),
      hit: () => Promise.reject(new Error('unused')),
    };
    const { limiter } = limiterWith(slow, settingsFor('production', { RATE_LIMIT_TIMEOUT_MS: '20' }));
    expect(await limiter.checkRefusals(subject)).toBeNull();
  });
});
