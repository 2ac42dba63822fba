import type { Context } from 'hono';
import { isDomainError, type ErrorKind } from '../../../kernel/index.ts';
import { rateLimitedProblem, rateLimitHeaders } from '../../rate-limit/headers.ts';
import type { RateLimiter, RefusalSubject } from '../../rate-limit/rate-limiter.ts';
import { freeRefusalCodes, type AuthContext } from '../auth-context.ts';
import type { AppEnv } from '../env.ts';
import { problemResponse } from '../problem.ts';

const refusalKinds: ReadonlySet<ErrorKind> = new Set(['unauthenticated', 'forbidden', 'not_found']);

/** A refusal by the authenticator (401, 403, 404) that cost it a store read or write. */
export const isCountedRefusal = (error: unknown): boolean =>
  isDomainError(error) && refusalKinds.has(error.kind) && !freeRefusalCodes.has(error.code);

/**
 * Authenticates within the client address's allowance of refused authentications. Once it is
 * used up, answers 429 `RATE_LIMITED` (with `Retry-After` and `RateLimit-*`) without asking the
 * authenticator, so refused credentials cannot turn into unbounded store reads and security-event
 * writes; otherwise each counted refusal takes one from the allowance. Fails open with the limiter.
 */
export const withinRefusalLimit = async (
  c: Context<AppEnv>,
  limiter: RateLimiter,
  subject: RefusalSubject,
  authenticate: () => Promise<AuthContext>,
): Promise<AuthContext | Response> => {
  const exhausted = await limiter.checkRefusals(subject);
  if (exhausted) {
    const now = Date.now();
    const problem = rateLimitedProblem(exhausted, now, limiter.upgradeUrl);
    return problemResponse({ ...problem, instance: c.req.path, requestId: c.get('requestId') }, rateLimitHeaders(exhausted, now));
  }
  try {
    return await authenticate();
  } catch (error) {
    if (isCountedRefusal(error)) await limiter.countRefusal(subject);
    throw error;
  }
};
