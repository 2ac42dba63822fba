import { createHash } from 'node:crypto';
import type { RateLimitClass } from '../definition/metadata.ts';
import type { Plan, RateLimitSettings } from './rate-limit-config.ts';

/** Who a request is counted against, as the pipeline knows it. */
export interface RateLimitSubject {
  class: RateLimitClass;
  functionName: string;
  /** The client address: the last `X-Forwarded-For` hop (the one our gateway appended). */
  ip: string;
  userId?: string | undefined;
  /** The workspace of the auth context (a `{workspaceId}` route or an API key). */
  workspaceId?: string | undefined;
  /** What the function's key hook derived from the request (e.g. the normalised e-mail). */
  account?: string | null | undefined;
}

export type RateLimitScope = 'ip' | 'account' | 'workspace' | 'user';

/** One limit that applies to a request. */
export interface RateLimitRule {
  /** Which limit: the function name for per-function limits, else the class. */
  name: string;
  scope: RateLimitScope;
  /** The counter's identifier: `<name>:<scope>:<id>`; accounts are hashed (no e-mail in Redis). */
  key: string;
  max: number;
  windowSeconds: number;
  /** Set for plan limits (their 429 carries an upgrade link). */
  plan?: Plan;
  /**
   * Counted in fixed windows rather than sliding ones: exactly one hit per window uses up the
   * allowance, so "the limit was reached" happens (and is recorded) once per window.
   */
  fixedWindow?: true;
  /** What is counted, for the 429's text: `requests` unless said otherwise. */
  counts?: string;
}

const minute = 60;
const hour = 3600;

const hashed = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

const rule = (name: string, scope: RateLimitScope, id: string, max: number, windowSeconds: number, plan?: Plan): RateLimitRule => ({
  name,
  scope,
  key: `${name}:${scope}:${scope === 'account' ? hashed(id) : id}`,
  max,
  windowSeconds,
  ...(plan ? { plan } : {}),
});

/**
 * Per-IP limits of the `auth` class that differ from its default, by function name (a test checks
 * that each names an `auth` function).
 */
export const authIpLimits = (s: RateLimitSettings): Record<string, { max: number; windowSeconds: number }> => ({
  'identity-register': { max: s.RATE_LIMIT_REGISTER_PER_HOUR, windowSeconds: hour },
  'identity-login': { max: s.RATE_LIMIT_LOGIN_PER_MINUTE, windowSeconds: minute },
});

/**
 * Per-account limits, by function name; they apply when the function's `accountKey` yields an
 * account (a test checks that each names an `auth` function with one).
 */
export const accountLimits = (s: RateLimitSettings): Record<string, { max: number; windowSeconds: number }> => ({
  'identity-forgot-password': { max: s.RATE_LIMIT_PASSWORD_FORGOT_PER_HOUR, windowSeconds: hour },
});

/** Whether the class counts per workspace by plan (so the limiter must look the plan up). */
export const isPlanClass = (rateLimitClass: RateLimitClass): boolean => rateLimitClass === 'api' || rateLimitClass === 'ai';

/**
 * The limits a request is counted against (none for `none` and `webhook`). Per-IP figures are
 * multiplied by `RATE_LIMIT_IP_MULTIPLIER` (100 in development); the others never are.
 * `plan` is the workspace's plan for the `api` and `ai` classes (free when unknown).
 */
export const rulesFor = (subject: RateLimitSubject, s: RateLimitSettings, plan: Plan = 'free'): RateLimitRule[] => {
  const perIp = (name: string, max: number, windowSeconds: number) =>
    rule(name, 'ip', subject.ip, max * s.RATE_LIMIT_IP_MULTIPLIER, windowSeconds);
  switch (subject.class) {
    case 'none':
    case 'webhook':
      return [];
    case 'public':
      return [perIp('public', s.RATE_LIMIT_PUBLIC_PER_MINUTE, minute)];
    case 'auth': {
      const own = authIpLimits(s)[subject.functionName];
      const ipRule = own ? perIp(subject.functionName, own.max, own.windowSeconds) : perIp('auth', s.RATE_LIMIT_AUTH_PER_MINUTE, minute);
      const perAccount = accountLimits(s)[subject.functionName];
      return perAccount && subject.account
        ? [ipRule, rule(subject.functionName, 'account', subject.account, perAccount.max, perAccount.windowSeconds)]
        : [ipRule];
    }
    case 'api':
    case 'ai': {
      const figures = subject.class === 'api' ? s.RATE_LIMIT_API_PER_MINUTE : s.RATE_LIMIT_AI_PER_MINUTE;
      if (subject.workspaceId) return [rule(subject.class, 'workspace', subject.workspaceId, figures[plan], minute, plan)];
      // No workspace named: per user (AI work always names one; its free figure is the safe side).
      const perUser = subject.class === 'api' ? s.RATE_LIMIT_USER_PER_MINUTE : figures.free;
      if (subject.userId) return [rule(subject.class, 'user', subject.userId, perUser, minute)];
      return [perIp('public', s.RATE_LIMIT_PUBLIC_PER_MINUTE, minute)];
    }
  }
};

/**
 * The refused authentications of one client address, counted on every guarded function together
 * and checked before authenticating (multiplied by `RATE_LIMIT_IP_MULTIPLIER` like every per-IP limit).
 */
export const authRefusalsRule = (ip: string, s: RateLimitSettings): RateLimitRule => ({
  ...rule(
    'auth-refusals',
    'ip',
    ip,
    s.RATE_LIMIT_AUTH_REFUSALS_PER_IP * s.RATE_LIMIT_IP_MULTIPLIER,
    s.RATE_LIMIT_AUTH_REFUSALS_MINUTES * minute,
  ),
  fixedWindow: true,
  counts: 'refused authentications',
});

/** The client address: the last `X-Forwarded-For` hop (earlier hops are the client's to invent). */
export const clientIpOf = (forwardedFor: string | undefined): string =>
  (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .at(-1) || 'unknown';
