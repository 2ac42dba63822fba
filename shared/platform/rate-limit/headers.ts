import { DomainError } from '../../kernel/index.ts';
import { toProblem, type Problem } from '../http/problem.ts';
import type { RateLimitRule } from './rules.ts';

/** The outcome for one request: the limit that binds tightest, and what is left of it. */
export interface RateLimitDecision {
  allowed: boolean;
  rule: RateLimitRule;
  /** Requests left in the window (0 when refused). */
  remaining: number;
  /** When the window resets, epoch milliseconds. */
  resetAt: number;
}

const secondsUntil = (resetAt: number, now: number) => Math.max(0, Math.ceil((resetAt - now) / 1000));

/**
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (delta seconds) and
 * `RateLimit-Policy` of the IETF httpapi draft, and `Retry-After` when refused.
 */
export const rateLimitHeaders = (decision: RateLimitDecision, now: number): Record<string, string> => {
  const reset = secondsUntil(decision.resetAt, now);
  return {
    'ratelimit-limit': String(decision.rule.max),
    'ratelimit-remaining': String(Math.max(0, decision.remaining)),
    'ratelimit-reset': String(reset),
    'ratelimit-policy': `${decision.rule.max};w=${decision.rule.windowSeconds}`,
    ...(decision.allowed ? {} : { 'retry-after': String(Math.max(1, reset)) }),
  };
};

const windowText = (seconds: number) =>
  seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
const scopeText = { ip: 'IP address', account: 'account', workspace: 'workspace', user: 'user' } as const;

/**
 * The 429 problem: which limit, its figure and window, when to retry, and for plan limits the
 * plan and an upgrade link. (`retryAfter` also becomes the `Retry-After` header.)
 */
export const rateLimitedProblem = (decision: RateLimitDecision, now: number, upgradeUrl: string): Problem => {
  const { rule } = decision;
  const retryAfter = Math.max(1, secondsUntil(decision.resetAt, now));
  const plan = rule.plan ? ` on the ${rule.plan} plan` : '';
  const error = new DomainError('rate_limited', 'RATE_LIMITED', {
    detail: `Rate limit reached: ${rule.max} ${rule.counts ?? 'requests'} per ${windowText(rule.windowSeconds)} per ${scopeText[rule.scope]}${plan}. Retry in ${retryAfter} s.`,
    extensions: {
      limit: rule.name,
      scope: rule.scope,
      max: rule.max,
      windowSeconds: rule.windowSeconds,
      retryAfter,
      ...(rule.plan ? { plan: rule.plan, upgradeUrl } : {}),
    },
  });
  return toProblem(error).problem;
};
