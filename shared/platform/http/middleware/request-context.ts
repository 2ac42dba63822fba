import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import type { Runtime } from '../../runtime.ts';
import { runInRequestScope } from '../../request-scope.ts';
import { formatTraceparent } from '../../trace-context.ts';

const requestIdPattern = /^[A-Za-z0-9._-]{8,128}$/;

/** Reads `{workspaceId}` out of a path, for the span's attributes (the route's pattern says where it is). */
const workspaceReader = (routePattern: string) => {
  if (!routePattern.includes('{workspaceId}')) return () => undefined;
  const pattern = new RegExp(`^${routePattern.replace(/\{workspaceId\}/, '([^/]+)').replace(/\{\w+\}/g, '[^/]+')}$`);
  return (path: string) => pattern.exec(path)?.[1];
};

/**
 * Gives each request an id (the caller's `X-Request-Id` when well-formed) and a trace context
 * (the request's span: OpenTelemetry's when configured, else ids continued from `traceparent`),
 * a logger carrying both, and the runtime's `use`; the rest of the pipeline runs in a request
 * scope (`request-scope.ts`) that the audit log and the event publisher read. Logs one line per
 * request (with the route pattern, not the path).
 */
export const requestContext = (runtime: Runtime, routePattern: string) => {
  const workspaceOf = workspaceReader(routePattern);
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && requestIdPattern.test(incoming) ? incoming : randomUUID();
    const invocation = {
      kind: 'http' as const,
      name: `${c.req.method} ${routePattern}`,
      traceparent: c.req.header('traceparent'),
      attributes: { 'http.request.method': c.req.method, 'http.route': routePattern },
    };
    await runtime.telemetry.invoke(
      invocation,
      async ({ trace, annotate }) => {
        const traceparent = formatTraceparent(trace);
        const log = runtime.log.child({ requestId, traceId: trace.traceId, spanId: trace.spanId });
        c.set('requestId', requestId);
        c.set('traceId', trace.traceId);
        c.set('traceparent', traceparent);
        c.set('log', log);
        c.set('use', runtime.use);
        c.set('config', runtime.config);
        if (runtime.telemetry.enabled) {
          const workspaceId = workspaceOf(c.req.path);
          annotate({ 'uxflow.request_id': requestId, ...(workspaceId ? { 'uxflow.workspace_id': workspaceId } : {}) });
        }
        await runInRequestScope({ requestId, traceId: trace.traceId, traceparent, auth: () => c.get('auth') }, next);
        c.header('x-request-id', requestId);
        c.header('traceresponse', traceparent);
        log.info(
          // The route's pattern, never the path itself: paths can carry tokens (`/v1/invitations/{token}/accept`).
          { method: c.req.method, route: routePattern, status: c.res.status, durationMs: Math.round(performance.now() - started) },
          'request',
        );
        return c.res.status;
      },
      (status) => ({ error: status >= 500, attributes: { 'http.response.status_code': status } }),
    );
  });
};
