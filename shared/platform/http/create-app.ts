import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { DomainError } from '../../kernel/index.ts';
import type { HttpFunctionDefinition } from '../definition/define.ts';
import type { Runtime } from '../runtime.ts';
import type { AppEnv } from './env.ts';
import { accessGuard } from './middleware/access-guard.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { cacheDefault } from './middleware/cache-default.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { requestContext } from './middleware/request-context.ts';
import { problemResponse, toProblem } from './problem.ts';

const validationHook = (result: { success: boolean; error?: unknown; target?: string }) => {
  if (result.success) return undefined;
  const issues = (result.error as { issues?: { path: PropertyKey[]; message: string; code?: string }[] }).issues ?? [];
  throw new DomainError('invalid', 'VALIDATION_FAILED', {
    detail: `The request ${result.target ?? 'input'} is invalid.`,
    extensions: { errors: issues.map((i) => ({ in: result.target, path: i.path.map(String).join('.'), message: i.message })) },
  });
};

/**
 * The Hono app of one HTTP function: request context → no-store unless said otherwise → security
 * headers → CORS → body limit → access → rate limit → zod-validated route → handler; every error
 * leaves as problem+json.
 */
export const createHttpApp = <R extends RouteConfig>(definition: HttpFunctionDefinition<R>, runtime: Runtime) => {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { config } = runtime;
  app.use(requestContext(runtime, definition.route.path));
  app.use(cacheDefault());
  app.use(secureHeaders({ crossOriginResourcePolicy: 'same-site', xFrameOptions: 'DENY' }));
  app.use(cors({ origin: (origin) => (config.CORS_ORIGINS.includes(origin) ? origin : null), credentials: true, maxAge: 600 }));
  app.use(bodyLimit(definition.maxBodyBytes ?? config.BODY_LIMIT_BYTES));
  // Registered on the route's own path so the guard sees its path parameters (`{workspaceId}`).
  const routePath = definition.route.path.replace(/\{(\w+)\}/g, ':$1');
  app.use(routePath, accessGuard(definition, runtime));
  app.use(routePath, rateLimit(definition, runtime));
  app.openapi(definition.route, definition.handler);
  app.notFound((c) =>
    problemResponse({
      ...toProblem(new DomainError('not_found', 'ROUTE_NOT_FOUND', { detail: `No route for ${c.req.method} ${c.req.path}.` })).problem,
      requestId: c.get('requestId'),
    }),
  );
  app.onError((error, c) => {
    const { problem, isUnexpected, isDependencyFailure } = toProblem(error);
    const log = c.get('log') ?? runtime.log;
    if (isUnexpected) log.error({ err: error }, 'unhandled error');
    if (isDependencyFailure) log.warn({ err: error }, 'dependency unavailable');
    return problemResponse({ ...problem, instance: c.req.path, requestId: c.get('requestId') });
  });
  return app;
};
