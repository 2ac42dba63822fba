import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import type { RateCounter } from '../../platform/rate-limit/rate-limiter.ts';
import type { RateLimitRule } from '../../platform/rate-limit/rules.ts';
import type { UpstashScripts } from './upstash-scripts.ts';

/**
 * Window counters of `@upstash/ratelimit` (sliding, or fixed when the rule says so), one limiter
 * per kind, figure and window, under `prefix` (`<prefix>:<rule key>:<window>`). Its timeout is off:
 * the caller bounds the wait and fails open. Its in-memory block list answers repeated refusals
 * without a Redis call.
 */
export const createUpstashRateCounter = (scripts: UpstashScripts, prefix: string): RateCounter => {
  // Ratelimit types its client as the full SDK; with its deny list, analytics and dynamic limits
  // off it calls only `evalsha` and `eval` (see upstash-scripts.ts), `getRemaining` included.
  const redis = scripts as unknown as Redis;
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (rule: RateLimitRule) => {
    const window = `${rule.windowSeconds} s` as const;
    const id = `${rule.fixedWindow ? 'fixed' : 'sliding'}:${rule.max}/${rule.windowSeconds}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const algorithm = rule.fixedWindow ? Ratelimit.fixedWindow(rule.max, window) : Ratelimit.slidingWindow(rule.max, window);
      limiter = new Ratelimit({ redis, prefix, limiter: algorithm, timeout: 0 });
      limiters.set(id, limiter);
    }
    return limiter;
  };
  const identifier = (rule: RateLimitRule) => `${rule.key}:${rule.windowSeconds}`;
  return {
    hit: async (rule) => {
      const result = await limiterFor(rule).limit(identifier(rule));
      await result.pending;
      return { allowed: result.success, remaining: result.remaining, resetAt: result.reset, fromCache: result.reason === 'cacheBlock' };
    },
    peek: async (rule) => {
      const { remaining, reset } = await limiterFor(rule).getRemaining(identifier(rule));
      return { remaining, resetAt: reset };
    },
  };
};
