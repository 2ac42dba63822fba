import type { Logger } from 'pino';
import type { SecurityEvents } from '../../security/index.ts';
import type { RateLimitDecision } from './headers.ts';
import type { Plan, RateLimitSettings } from './rate-limit-config.ts';
import { authRefusalsRule, isPlanClass, rulesFor, type RateLimitRule, type RateLimitSubject } from './rules.ts';

/** Port: a window counter (Redis), sliding unless the rule says `fixedWindow`. */
export interface RateCounter {
  /**
   * Counts one request against the rule's window. `fromCache` is true when the counter refused
   * from its in-memory block list without asking Redis. Throws when Redis cannot be reached.
   */
  hit: (rule: RateLimitRule) => Promise<{ allowed: boolean; remaining: number; resetAt: number; fromCache: boolean }>;
  /** What is left of the rule's window, counting nothing. Throws when Redis cannot be reached. */
  peek: (rule: RateLimitRule) => Promise<{ remaining: number; resetAt: number }>;
}

/** Port: the plan a workspace's limits follow. Billing replaces the default lookup. */
export interface PlanLookup {
  /** The workspace's plan; `free` when the workspace is unknown. Throws when the store is unreachable. */
  planOf: (workspaceId: string) => Promise<Plan>;
}

/** Who an authentication refusal is counted against: the client address, and where it knocked. */
export interface RefusalSubject {
  ip: string;
  functionName: string;
}

/** Port: what the request pipeline asks. */
export interface RateLimiter {
  /** The binding limit for the request, or null when none applies or the limiter failed open. Never throws. */
  check: (subject: RateLimitSubject) => Promise<RateLimitDecision | null>;
  /**
   * Before authenticating: the refusal when the address has used up its refused authentications
   * (`RATE_LIMIT_AUTH_REFUSALS_PER_IP`), else null (also when the limiter failed open). Counts
   * nothing. Never throws.
   */
  checkRefusals: (subject: RefusalSubject) => Promise<RateLimitDecision | null>;
  /**
   * Counts one refused authentication of the address; the refusal that uses up the allowance
   * records one `rate_limited` security event for the window. Never throws.
   */
  countRefusal: (subject: RefusalSubject) => Promise<void>;
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
  /** Redis work bounded by the timeout; undefined when skipped or failed (open). */
  const bounded = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    if (now() < skipUntil) return undefined;
    try {
      return await withTimeout(work(), settings.RATE_LIMIT_TIMEOUT_MS);
    } catch (error) {
      skipUntil = now() + failOpenMs;
      log.warn({ err: error, failOpenMs }, 'rate limiter unavailable: requests pass unlimited');
      return undefined;
    }
  };
  const evaluate = async (subject: RateLimitSubject) => {
    const plan = isPlanClass(subject.class) && subject.workspaceId ? await plans.planOf(subject.workspaceId) : undefined;
    const hits = rulesFor(subject, settings, plan).map(async (rule) => ({ rule, ...(await counter.hit(rule)) }));
    return Promise.all(hits);
  };
  const recordLimited = (rule: RateLimitRule, subject: RateLimitSubject | RefusalSubject) =>
    securityEvents.record({
      type: 'rate_limited',
      at: new Date(now()),
      ip: subject.ip,
      ...('userId' in subject && subject.userId ? { userId: subject.userId } : {}),
      ...('workspaceId' in subject && subject.workspaceId ? { workspaceId: subject.workspaceId } : {}),
      details: { limit: rule.name, max: rule.max, functionName: subject.functionName },
    });
  return {
    upgradeUrl: settings.RATE_LIMIT_UPGRADE_URL,
    check: async (subject) => {
      if (subject.class === 'none' || subject.class === 'webhook') return null;
      const results = await bounded(() => evaluate(subject));
      if (!results) return null;
      const decision = binding(results);
      const refused = results.find((r) => !r.allowed && !r.fromCache);
      if (decision && refused) await recordLimited(refused.rule, subject);
      return decision;
    },
    checkRefusals: async (subject) => {
      const rule = authRefusalsRule(subject.ip, settings);
      const left = await bounded(() => counter.peek(rule));
      return left && left.remaining <= 0 ? { allowed: false, rule, remaining: 0, resetAt: left.resetAt } : null;
    },
    countRefusal: async (subject) => {
      const rule = authRefusalsRule(subject.ip, settings);
      const hit = await bounded(() => counter.hit(rule));
      // The one hit that takes the last refusal left (a fixed window counts atomically, so one per window).
      if (hit?.allowed && hit.remaining === 0) await recordLimited(rule, subject);
    },
  };
};
