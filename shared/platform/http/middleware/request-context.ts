import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import type { Runtime } from '../../runtime.ts';
import { runInRequestScope } from '../../request-scope.ts';
import { continueTrace, formatTraceparent } from '../../trace-context.ts';

const requestIdPattern = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Gives each request an id (the caller's `X-Request-Id` when well-formed) and a trace context,
 * a logger carrying both, and the runtime's `use`; the rest of the pipeline runs in a request
 * scope (`request-scope.ts`) that the audit log reads. Logs one line per request (with the route
 * pattern, not the path).
 */
export const requestContext = (runtime: Runtime, routePattern: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && requestIdPattern.test(incoming) ? incoming : randomUUID();
    const trace = continueTrace(c.req.header('traceparent'));
    const log = runtime.log.child({ requestId, traceId: trace.traceId, spanId: trace.spanId });
    c.set('requestId', requestId);
    c.set('traceId', trace.traceId);
    c.set('traceparent', formatTraceparent(trace));
    c.set('log', log);
    c.set('use', runtime.use);
    c.set('config', runtime.config);
    await runInRequestScope({ requestId, traceId: trace.traceId, auth: () => c.get('auth') }, next);
    c.header('x-request-id', requestId);
    c.header('traceresponse', formatTraceparent(trace));
    log.info(
      // The route's pattern, never the path itself: paths can carry tokens (`/v1/invitations/{token}/accept`).
      { method: c.req.method, route: routePattern, status: c.res.status, durationMs: Math.round(performance.now() - started) },
      'request',
    );
  });
