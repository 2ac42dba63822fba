import { z } from 'zod';
import { defineConfig, type ConfigOf } from '../config/fragment.ts';

export const plans = ['free', 'basic', 'pro', 'enterprise'] as const;
export type Plan = (typeof plans)[number];

const count = z.coerce.number().int().min(1).max(1_000_000);

/** `free:120,basic:300,pro:1000,enterprise:5000`: a figure for every plan. */
const perPlan = z
  .string()
  .transform((value) => Object.fromEntries(value.split(',').map((pair) => pair.split(':').map((part) => part.trim()))) as unknown)
  .pipe(z.object({ free: count, basic: count, pro: count, enterprise: count }).strict());

/**
 * Rate limits (requests per sliding window). Production figures are the defaults; development
 * raises only the per-IP ones, through `RATE_LIMIT_IP_MULTIPLIER` (100 in development and tests).
 */
export const rateLimitConfig = defineConfig({
  name: 'rate-limits',
  shape: {
    /** Multiplies every per-IP limit; never the per-account, per-workspace or per-user ones. */
    RATE_LIMIT_IP_MULTIPLIER: z.coerce.number().int().min(1).max(1000).default(1),
    /** `POST /v1/auth/register`, per IP address per hour. */
    RATE_LIMIT_REGISTER_PER_HOUR: count.default(5),
    /** `POST /v1/auth/login`, per IP address per minute (the account lockout is separate). */
    RATE_LIMIT_LOGIN_PER_MINUTE: count.default(10),
    /** `POST /v1/auth/password/forgot`, per account (the normalised e-mail) per hour. */
    RATE_LIMIT_PASSWORD_FORGOT_PER_HOUR: count.default(3),
    /** Every other `auth`-class endpoint, per IP address per minute. */
    RATE_LIMIT_AUTH_PER_MINUTE: count.default(30),
    /**
     * Refused authentications (an invalid API key, a revoked session, no membership or permission)
     * per IP address per window, on every guarded endpoint together. Once used up, guarded endpoints
     * answer 429 before authenticating, so refusals cannot become unbounded store reads and writes.
     */
    RATE_LIMIT_AUTH_REFUSALS_PER_IP: count.default(200),
    /** The window of `RATE_LIMIT_AUTH_REFUSALS_PER_IP`, in minutes (a fixed window). */
    RATE_LIMIT_AUTH_REFUSALS_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    /** `public`-class endpoints (health, JWKS…), per IP address per minute. */
    RATE_LIMIT_PUBLIC_PER_MINUTE: count.default(600),
    /** `api` class, per workspace per minute, by plan (docs/product.md). */
    RATE_LIMIT_API_PER_MINUTE: perPlan.default({ free: 120, basic: 300, pro: 1000, enterprise: 5000 }),
    /** `ai` class, per workspace per minute, by plan (docs/product.md, AI ops / min). */
    RATE_LIMIT_AI_PER_MINUTE: perPlan.default({ free: 5, basic: 20, pro: 60, enterprise: 200 }),
    /** `api`/`ai` calls that name no workspace (e.g. `GET /v1/me`), per user per minute. */
    RATE_LIMIT_USER_PER_MINUTE: count.default(600),
    /** Where a 429 for a plan limit sends the caller to upgrade. */
    RATE_LIMIT_UPGRADE_URL: z.url(),
    /** How long a request waits for Redis before the limiter fails open. */
    RATE_LIMIT_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(500),
  },
  devDefaults: { RATE_LIMIT_IP_MULTIPLIER: '100', RATE_LIMIT_UPGRADE_URL: 'http://localhost:5173/settings/billing' },
});

export type RateLimitSettings = ConfigOf<typeof rateLimitConfig>;
