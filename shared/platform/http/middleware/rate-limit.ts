import { createMiddleware } from 'hono/factory';
import type { HttpFunctionDefinition } from '../../definition/define.ts';
import { rateLimitedProblem, rateLimitHeaders } from '../../rate-limit/headers.ts';
import { clientIpOf } from '../../rate-limit/rules.ts';
import type { Runtime } from '../../runtime.ts';
import type { AuthContext } from '../auth-context.ts';
import type { AppEnv } from '../env.ts';
import { problemResponse } from '../problem.ts';

type Limited = Pick<HttpFunctionDefinition, 'name' | 'rateLimit' | 'rateLimiter' | 'rateLimitKey'>;

/**
 * Counts the request against the limits of the definition's rate-limit class (after access, so
 * API calls count per workspace; before validation, so malformed requests count too). Answers
 * 429 `RATE_LIMITED` with `Retry-After` when a limit is reached; every answer of a limited
 * function carries the `RateLimit-*` headers. `none` and `webhook` classes, and a definition
 * without a limiter, pass straight through.
 */
export const rateLimit = (definition: Limited, runtime: Runtime) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { rateLimiter, rateLimitKey } = definition;
    if (!rateLimiter || definition.rateLimit === 'none' || definition.rateLimit === 'webhook') return next();
    const limiter = runtime.use(rateLimiter);
    const auth = c.get('auth') as AuthContext | undefined;
    // Hono caches the parsed body, so a hook that reads it leaves it for validation.
    const account = rateLimitKey ? await rateLimitKey(c).catch(() => null) : null;
    const decision = await limiter.check({
      class: definition.rateLimit,
      functionName: definition.name,
      ip: clientIpOf(c.req.header('x-forwarded-for')),
      userId: auth?.userId,
      workspaceId: auth?.workspace?.id,
      account,
    });
    if (!decision) return next();
    const now = Date.now();
    const headers = rateLimitHeaders(decision, now);
    if (!decision.allowed) {
      const problem = rateLimitedProblem(decision, now, limiter.upgradeUrl);
      return problemResponse({ ...problem, instance: c.req.path, requestId: c.get('requestId') }, headers);
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  });
