import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import type { RateCounter } from '../../platform/rate-limit/rate-limiter.ts';
import type { RateLimitRule } from '../../platform/rate-limit/rules.ts';
import type { UpstashScripts } from './upstash-scripts.ts';

/**
 * Sliding-window counters of `@upstash/ratelimit`, one limiter per figure and window, under
 * `prefix` (`<prefix>:<rule key>:<window>`). Its timeout is off: the caller bounds the wait and
 * fails open. Its in-memory block list answers repeated refusals without a Redis call.
 */
export const createUpstashRateCounter = (scripts: UpstashScripts, prefix: string): RateCounter => {
  // Ratelimit types its client as the full SDK; with its deny list, analytics and dynamic limits
  // off it calls only `evalsha` and `eval` (see upstash-scripts.ts).
  const redis = scripts as unknown as Redis;
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (rule: RateLimitRule) => {
    const id = `${rule.max}/${rule.windowSeconds}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({ redis, prefix, limiter: Ratelimit.slidingWindow(rule.max, `${rule.windowSeconds} s`), timeout: 0 });
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    hit: async (rule) => {
      const result = await limiterFor(rule).limit(`${rule.key}:${rule.windowSeconds}`);
      await result.pending;
      return { allowed: result.success, remaining: result.remaining, resetAt: result.reset, fromCache: result.reason === 'cacheBlock' };
    },
  };
};
