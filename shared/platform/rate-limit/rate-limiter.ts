import type { Logger } from 'pino';
import type { SecurityEvents } from '../../security/index.ts';
import type { RateLimitDecision } from './headers.ts';
import type { Plan, RateLimitSettings } from './rate-limit-config.ts';
import { isPlanClass, rulesFor, type RateLimitRule, type RateLimitSubject } from './rules.ts';

/** Port: a sliding-window counter (Redis). */
export interface RateCounter {
  /**
   * Counts one request against the rule's window. `fromCache` is true when the counter refused
   * from its in-memory block list without asking Redis. Throws when Redis cannot be reached.
   */
  hit: (rule: RateLimitRule) => Promise<{ allowed: boolean; remaining: number; resetAt: number; fromCache: boolean }>;
}

/** Port: the plan a workspace's limits follow. Billing replaces the default lookup. */
export interface PlanLookup {
  /** The workspace's plan; `free` when the workspace is unknown. Throws when the store is unreachable. */
  planOf: (workspaceId: string) => Promise<Plan>;
}

/** Port: what the request pipeline asks. */
export interface RateLimiter {
  /** The binding limit for the request, or null when none applies or the limiter failed open. Never throws. */
  check: (subject: RateLimitSubject) => Promise<RateLimitDecision | null>;
  /** Where a 429 for a plan limit sends the caller. */
  upgradeUrl: string;
}

export interface RateLimiterPorts {
  counter: RateCounter;
  plans: PlanLookup;
  /** Must not throw (a best-effort recorder). */
  securityEvents: SecurityEvents;
  settings: RateLimitSettings;
  log: Logger;
  now?: () => number;
}

/** After Redis failed, skip it this long: every request would otherwise wait for the timeout. */
export const failOpenMs = 5000;

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`rate limiter timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

/** The refused rule if any, else the one with the fewest requests left. */
const binding = (decisions: RateLimitDecision[]): RateLimitDecision | null =>
  decisions.reduce<RateLimitDecision | null>((worst, d) => {
    if (!worst) return d;
    if (worst.allowed !== d.allowed) return d.allowed ? worst : d;
    return d.remaining < worst.remaining ? d : worst;
  }, null);

/**
 * Checks a request against every limit that applies to it. Fails open: when Redis (or the plan
 * lookup) errs or is slower than `RATE_LIMIT_TIMEOUT_MS`, the request passes, one warning is
 * logged and Redis is skipped for `failOpenMs` — an outage of the limiter never becomes a 500.
 * A refusal decided by Redis (not the in-memory block list) is recorded as a security event.
 */
export const createRateLimiter = ({ counter, plans, securityEvents, settings, log, now = Date.now }: RateLimiterPorts): RateLimiter => {
  let skipUntil = 0;
  const evaluate = async (subject: RateLimitSubject) => {
    const plan = isPlanClass(subject.class) && subject.workspaceId ? await plans.planOf(subject.workspaceId) : undefined;
    const hits = rulesFor(subject, settings, plan).map(async (rule) => ({ rule, ...(await counter.hit(rule)) }));
    return Promise.all(hits);
  };
  return {
    upgradeUrl: settings.RATE_LIMIT_UPGRADE_URL,
    check: async (subject) => {
      if (subject.class === 'none' || subject.class === 'webhook' || now() < skipUntil) return null;
      let results: Awaited<ReturnType<typeof evaluate>>;
      try {
        results = await withTimeout(evaluate(subject), settings.RATE_LIMIT_TIMEOUT_MS);
      } catch (error) {
        skipUntil = now() + failOpenMs;
        log.warn({ err: error, failOpenMs }, 'rate limiter unavailable: requests pass unlimited');
        return null;
      }
      const decision = binding(results);
      const refused = results.find((r) => !r.allowed && !r.fromCache);
      if (decision && refused) {
        await securityEvents.record({
          type: 'rate_limited',
          at: new Date(now()),
          ip: subject.ip,
          ...(subject.userId ? { userId: subject.userId } : {}),
          ...(subject.workspaceId ? { workspaceId: subject.workspaceId } : {}),
          details: { limit: refused.rule.name, max: refused.rule.max, functionName: subject.functionName },
        });
      }
      return decision;
    },
  };
};
