import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import type { TraceContext } from '../trace-context.ts';
import { traceHttpClients } from './http-client-spans.ts';
import { createMongoCommandSpans } from './mongo-spans.ts';
import { createRedMetrics } from './red-metrics.ts';
import type { Attributes, Invocation, InvocationScope, Outcome, TelemetryIdentity, TelemetrySettings } from './telemetry.ts';
import { asException } from './exception.ts';

const propagator = new W3CTraceContextPropagator();

const parentOf = (traceparent: string | undefined): Context =>
  traceparent ? propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter) : ROOT_CONTEXT;

const traceparentOf = (ctx: Context): string | undefined => {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, defaultTextMapSetter);
  return carrier.traceparent;
};

const traceContextOf = (span: Span, parent: Context): TraceContext => {
  const own = span.spanContext();
  return {
    traceId: own.traceId,
    spanId: own.spanId,
    parentSpanId: trace.getSpanContext(parent)?.spanId,
    flags: own.traceFlags.toString(16).padStart(2, '0'),
  };
};

const failed = (span: Span, error: unknown) => {
  span.recordException(asException(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
};

/** Test seams: exporters that keep what they get instead of sending it. */
export interface SdkOverrides {
  spanExporter?: SpanExporter;
  metricReader?: MetricReader;
}

/**
 * The OpenTelemetry SDK of this process, started once (telemetry.ts imports this module only when
 * an OTLP endpoint is configured): traces and metrics over OTLP/HTTP, the W3C propagator, an
 * AsyncLocalStorage context, client spans for node:http and fetch, and MongoDB command spans.
 */
export const startOtelSdk = (
  settings: TelemetrySettings & { endpoint: string },
  identity: TelemetryIdentity,
  overrides: SdkOverrides = {},
) => {
  const base = settings.endpoint.replace(/\/+$/, '');
  const resource = resourceFromAttributes({
    'service.name': identity.functionName,
    'service.version': identity.version,
    'service.namespace': 'uxflow',
    'faas.name': identity.functionName,
  });
  const tracerProvider = new TracerProvider({
    resource,
    // A caller's decision stands (its sampled flag); a trace we start is sampled at the ratio.
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: overrides.spanExporter ?? new OTLPTraceExporter({ url: `${base}/v1/traces` }),
        scheduledDelayMillis: 2000,
      }),
    ],
  });
  const metricReader =
    overrides.metricReader ??
    new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics` }), exportIntervalMillis: 30_000 });
  const meterProvider = new MeterProvider({ resource, readers: [metricReader] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(propagator);
  trace.setGlobalTracerProvider(tracerProvider);
  const tracer = tracerProvider.getTracer('uxflow-platform');
  const red = createRedMetrics(meterProvider.getMeter('uxflow-platform'));
  const stopHttpClients = traceHttpClients(tracer, [base]);

  const invoke = <T>(
    invocation: Invocation,
    work: (scope: InvocationScope) => Promise<T>,
    outcomeOf: (result: T) => Outcome,
  ): Promise<T> => {
    const parent = parentOf(invocation.traceparent);
    const kind = invocation.kind === 'http' ? SpanKind.SERVER : SpanKind.CONSUMER;
    return tracer.startActiveSpan(invocation.name, { kind, attributes: invocation.attributes }, parent, async (span) => {
      const started = performance.now();
      const record = (error: boolean, attributes: Attributes = {}) =>
        red.record(invocation, error, (performance.now() - started) / 1000, attributes);
      const scope: InvocationScope = { trace: traceContextOf(span, parent), annotate: (attributes) => span.setAttributes(attributes) };
      try {
        const result = await work(scope);
        const outcome = outcomeOf(result);
        if (outcome.attributes) span.setAttributes(outcome.attributes);
        if (outcome.error) span.setStatus({ code: SpanStatusCode.ERROR });
        record(outcome.error, outcome.attributes);
        return result;
      } catch (error) {
        failed(span, error);
        record(true);
        throw error;
      } finally {
        span.end();
      }
    });
  };

  const publish = <T>(eventType: string, stored: string | undefined, work: (traceparent: string | undefined) => Promise<T>): Promise<T> => {
    const active = trace.getSpanContext(context.active());
    // An outbox record's stored context is the parent (the request that wrote it); the cron run
    // that publishes it late is linked, so both traces lead to each other.
    const parent = stored ? parentOf(stored) : context.active();
    const links = stored && active ? [{ context: active }] : [];
    const attributes = { 'messaging.system': 'knative', 'messaging.operation.type': 'send', 'messaging.destination.name': eventType };
    return tracer.startActiveSpan(`publish ${eventType}`, { kind: SpanKind.PRODUCER, attributes, links }, parent, async (span) => {
      try {
        return await work(traceparentOf(trace.setSpan(parent, span)));
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
  };

  const flush = async () => {
    await Promise.all([tracerProvider.forceFlush(), meterProvider.forceFlush()]);
  };
  const shutdown = async () => {
    stopHttpClients();
    await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
  };
  // Knative stops an idle instance with SIGTERM: what is buffered goes out first (best effort:
  // the host exits on its own once its server closed).
  process.once('SIGTERM', () => void flush().catch(() => {}));

  return {
    invoke,
    publish,
    traceparent: () => traceparentOf(context.active()),
    mongoCommands: createMongoCommandSpans(tracer),
    flush,
    shutdown,
  };
};

export type OtelSdk = ReturnType<typeof startOtelSdk>;
