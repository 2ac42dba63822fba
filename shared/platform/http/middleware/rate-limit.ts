import { createMiddleware } from 'hono/factory';
import type { HttpFunctionDefinition } from '../../definition/define.ts';
import { rateLimitedProblem, rateLimitHeaders } from '../../rate-limit/headers.ts';
import { clientIpOf } from '../../rate-limit/rules.ts';
import type { Runtime } from '../../runtime.ts';
import type { AuthContext } from '../auth-context.ts';
import type { AppEnv } from '../env.ts';
import { problemResponse } from '../problem.ts';

/**
 * Counts the request against the limits of the definition's rate-limit class, with the limiter
 * the class carries (after access, so API calls count per workspace; before validation, so
 * malformed requests count too). Answers 429 `RATE_LIMITED` with `Retry-After` when a limit is
 * reached; every answer of a limited function carries the `RateLimit-*` headers. The `none` and
 * `webhook` classes pass straight through.
 */
export const rateLimit = (definition: Pick<HttpFunctionDefinition, 'rateLimit'>, runtime: Runtime) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const policy = definition.rateLimit;
    if (!('limiter' in policy)) return next();
    const limiter = runtime.use(policy.limiter);
    const auth = c.get('auth') as AuthContext | undefined;
    // Hono caches the parsed body, so a hook that reads it leaves it for validation.
    const account = policy.accountKey ? await policy.accountKey(c).catch(() => null) : null;
    const workspaceId = auth?.workspace?.id ?? (policy.workspaceKey ? await policy.workspaceKey(c).catch(() => null) : null) ?? undefined;
    const decision = await limiter.check({
      class: policy.class,
      functionName: runtime.name,
      ip: clientIpOf(c.req.header('x-forwarded-for')),
      userId: auth?.userId,
      workspaceId,
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
