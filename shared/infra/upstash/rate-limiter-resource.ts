import { createRateLimiter, type RateLimiter } from '../../platform/rate-limit/rate-limiter.ts';
import { rateLimitConfig } from '../../platform/rate-limit/rate-limit-config.ts';
import type { LimitedRateLimitClass, RateLimit } from '../../platform/definition/metadata.ts';
import { defineResource } from '../../platform/resource.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { securityEvents } from '../mongodb/security-events-resource.ts';
import { createWorkspacePlanLookup } from '../mongodb/workspace-plans.ts';
import { createSharedPlanCache } from './plan-cache.ts';
import { createUpstashRateCounter } from './upstash-rate-counter.ts';
import { upstashScripts } from './upstash-scripts.ts';
import { defineRedisKeys } from './redis-keys.ts';

/**
 * Redis keys of the rate limits: `uxf:rl:<limit>:<scope>:<id>` (`@upstash/ratelimit` appends the
 * window). The id is a client address, a user or a workspace id, or an account's hashed e-mail.
 */
export const rateLimitKeys = defineRedisKeys({
  prefix: 'uxf:rl',
  ttl: 'the window counted (a minute to a day)',
  privacy: {
    classes: ['network', 'pseudonymous'],
    personalData: ['network', 'security'],
    retention: 'cache',
    subject: null,
    export: { none: 'request counters that expire with their window' },
    erase: { none: 'counters expire with their window (at most a day)' },
  },
});

/**
 * The request pipeline's rate limiter: sliding windows in Upstash Redis, plans from the
 * workspace documents, refusals recorded as security events. Carried by every limited
 * rate-limit class (`rateLimited` below), so only functions that limit load `@upstash/ratelimit`.
 */
export const rateLimiter = defineResource({
  name: 'rate-limiter',
  config: rateLimitConfig,
  requires: [upstashScripts, mongo, securityEvents],
  create: (settings, { use, log }): RateLimiter =>
    createRateLimiter({
      counter: createUpstashRateCounter(use(upstashScripts), rateLimitKeys.prefix),
      plans: createWorkspacePlanLookup(use(mongo).db, createSharedPlanCache(use(upstashScripts))),
      securityEvents: use(securityEvents),
      settings,
      log,
    }),
});

const limitedBy = <C extends LimitedRateLimitClass>(rateLimitClass: C) => ({ class: rateLimitClass, limiter: rateLimiter }) as const;

/**
 * The rate-limit classes that count requests, each carrying this limiter: a definition states
 * `rateLimit: rateLimited.api` (or `{ ...rateLimited.auth, accountKey }` to count per account too).
 */
export const rateLimited = {
  public: limitedBy('public'),
  auth: limitedBy('auth'),
  api: limitedBy('api'),
  ai: limitedBy('ai'),
} as const satisfies Record<LimitedRateLimitClass, RateLimit>;
