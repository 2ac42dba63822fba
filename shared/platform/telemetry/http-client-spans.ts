import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { asException } from './exception.ts';

/** What undici publishes of a `fetch` (its `undici:request:*` channels). */
interface UndiciRequest {
  origin: string;
  method: string;
  path: string;
  addHeader: (name: string, value: string) => void;
}

const withoutQuery = (path: string) => path.split('?')[0] ?? path;

/**
 * CLIENT spans for every outgoing HTTP call, from Node's diagnostics channels: node:http (the
 * broker, Upstash scripts, Stripe's SDK, probes) and undici's `fetch` (the Upstash client, Chroma,
 * the AI and embedding providers). Channels need no module patching, so they work in the esbuild
 * bundles, where require hooks see nothing. Each call gets a `traceparent`, so a traced callee
 * joins the trace. The query string is left out of `url.full` (it can carry keys). Calls to the
 * collector itself (`ignoredOrigins`) and those the exporters make (tracing suppressed) get none.
 */
export const traceHttpClients = (tracer: Tracer, ignoredOrigins: readonly string[]): (() => void) => {
  const undiciSpans = new WeakMap<object, Span>();
  const httpSpans = new WeakMap<object, Span>();
  const ignored = (url: string) => ignoredOrigins.some((origin) => url.startsWith(origin));

  const start = (method: string, url: URL) => {
    const active = context.active();
    if (isTracingSuppressed(active) || !trace.getSpanContext(active)) return undefined;
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'server.address': url.hostname,
          'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
          'url.full': `${url.origin}${withoutQuery(url.pathname)}`,
        },
      },
      active,
    );
    const ids = span.spanContext();
    return { span, traceparent: `00-${ids.traceId}-${ids.spanId}-0${ids.traceFlags & 1}` };
  };
  const finish = (span: Span | undefined, status: number | undefined, error?: unknown) => {
    if (!span) return;
    if (status !== undefined) span.setAttribute('http.response.status_code', status);
    if (error !== undefined) span.recordException(asException(error));
    if (error !== undefined || (status ?? 0) >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };

  const handlers: Record<string, (message: unknown) => void> = {
    'undici:request:create': (message) => {
      const { request } = message as { request: UndiciRequest };
      if (ignored(request.origin)) return;
      const started = start(request.method, new URL(request.path, request.origin));
      if (!started) return;
      request.addHeader('traceparent', started.traceparent);
      undiciSpans.set(request, started.span);
    },
    'undici:request:headers': (message) => {
      const { request, response } = message as { request: object; response: { statusCode: number } };
      undiciSpans.get(request)?.setAttribute('http.response.status_code', response.statusCode);
    },
    'undici:request:trailers': (message) => {
      const { request } = message as { request: object };
      const span = undiciSpans.get(request);
      undiciSpans.delete(request);
      if (span) finish(span, undefined);
    },
    'undici:request:error': (message) => {
      const { request, error } = message as { request: object; error: unknown };
      finish(undiciSpans.get(request), undefined, error);
      undiciSpans.delete(request);
    },
    // `created`, not `start`: by `start` Node has already written the headers.
    'http.client.request.created': (message) => {
      const { request } = message as { request: ClientRequest };
      // `host` lacks the port; the Host header Node has set by now carries it.
      const authority = request.getHeader('host');
      const url = new URL(`${request.protocol}//${typeof authority === 'string' ? authority : request.host}${request.path}`);
      if (ignored(url.origin)) return;
      const started = start(request.method, url);
      if (!started) return;
      request.setHeader('traceparent', started.traceparent);
      httpSpans.set(request, started.span);
    },
    'http.client.response.finish': (message) => {
      const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
      finish(httpSpans.get(request), response.statusCode);
      httpSpans.delete(request);
    },
    'http.client.request.error': (message) => {
      const { request, error } = message as { request: ClientRequest; error: unknown };
      finish(httpSpans.get(request), undefined, error);
      httpSpans.delete(request);
    },
  };
  for (const [channel, handler] of Object.entries(handlers)) subscribe(channel, handler);
  return () => {
    for (const [channel, handler] of Object.entries(handlers)) unsubscribe(channel, handler);
  };
};
