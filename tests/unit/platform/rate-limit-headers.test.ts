import { describe, expect, it } from 'vitest';
import { rateLimitedProblem, rateLimitHeaders, type RateLimitDecision } from '../../../shared/platform/rate-limit/headers.ts';

const now = 1_700_000_000_000;
const decision = (over: Partial<RateLimitDecision> = {}): RateLimitDecision => ({
  allowed: true,
  rule: { name: 'identity-login', scope: 'ip', key: 'identity-login:ip:1', max: 10, windowSeconds: 60 },
  remaining: 7,
  resetAt: now + 41_200,
  ...over,
});

describe('rate-limit headers and the 429 problem', () => {
  it('should send RateLimit-* in delta seconds and no Retry-After when the request is allowed', () => {
    expect(rateLimitHeaders(decision(), now)).toEqual({
      'ratelimit-limit': '10',
      'ratelimit-remaining': '7',
      'ratelimit-reset': '42',
      'ratelimit-policy': '10;w=60',
    });
  });

  it('should add Retry-After of at least one second when the request is refused', () => {
    expect(rateLimitHeaders(decision({ allowed: false, remaining: 0, resetAt: now + 100 }), now)).toMatchObject({
      'ratelimit-remaining': '0',
      'retry-after': '1',
    });
  });

  it('should say which limit, its figure and when to retry, without an upgrade link for a per-IP limit', () => {
    const problem = rateLimitedProblem(decision({ allowed: false, remaining: 0 }), now, 'https://app.uxflow.dev/billing');
    expect(problem).toMatchObject({ status: 429, code: 'RATE_LIMITED', limit: 'identity-login', scope: 'ip', max: 10, retryAfter: 42 });
    expect(problem.upgradeUrl).toBeUndefined();
  });

  it('should carry the plan and the upgrade link when a plan limit is reached', () => {
    const rule = { name: 'api', scope: 'workspace', key: 'api:workspace:wsp_1', max: 120, windowSeconds: 60, plan: 'free' } as const;
    const problem = rateLimitedProblem(decision({ allowed: false, remaining: 0, rule }), now, 'https://app.uxflow.dev/billing');
    expect(problem).toMatchObject({ plan: 'free', upgradeUrl: 'https://app.uxflow.dev/billing', max: 120 });
    expect(problem.detail).toContain('free plan');
  });
});
