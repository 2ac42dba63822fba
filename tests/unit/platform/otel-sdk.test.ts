import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusSeries, redInstruments, redLabels } from '../../../shared/platform/telemetry/metric-names.ts';
import { startOtelSdk, type OtelSdk } from '../../../shared/platform/telemetry/otel-sdk.ts';

/** The SDK as a function starts it, its exporters swapped for in-memory ones. */
const spans = new InMemorySpanExporter();
const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 60_000 });
let sdk: OtelSdk;
let server: Server;
let serverUrl: string;
const seenTraceparents: (string | undefined)[] = [];

const identity = { functionName: 'flows-get', version: 'v1', costTags: { team: 'flows' } };
const callerTrace = '0af7651916cd43dd8448eb211c80319c';
const get = (url: string) =>
  new Promise<number>((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    })
      .once('error', reject)
      .end();
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    seenTraceparents.push(req.headers.traceparent as string | undefined);
    res.writeHead(req.url?.startsWith('/fail') ? 503 : 200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sdk = startOtelSdk({ endpoint: 'http://127.0.0.1:9', sampleRatio: 1 }, identity, { spanExporter: spans, metricReader: reader });
});
afterAll(async () => {
  await sdk.shutdown();
  server.close();
});

const http = (traceparent: string | undefined, status: number, work: () => Promise<unknown> = async () => {}) =>
  sdk.invoke(
    { kind: 'http', name: 'GET /v1/flows/{flowId}', traceparent, attributes: { 'faas.name': 'flows-get' } },
    async (scope) => {
      await work();
      return { status, scope };
    },
    (result) => ({ error: result.status >= 500, attributes: { 'http.response.status_code': result.status } }),
  );

describe('the OpenTelemetry SDK of a function', () => {
  it('should continue the caller’s trace in a SERVER span whose ids the logs get, with a CLIENT span per outgoing call carrying traceparent', async () => {
    const { scope } = await http(`00-${callerTrace}-b7ad6b7169203331-01`, 200, () => get(`${serverUrl}/ok`));
    await sdk.flush();
    const server = spans.getFinishedSpans().find((span) => span.spanContext().spanId === scope.trace.spanId)!;
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(scope.trace).toMatchObject({ traceId: callerTrace, parentSpanId: 'b7ad6b7169203331', flags: '01' });
    const client = spans.getFinishedSpans().find((span) => span.parentSpanContext?.spanId === scope.trace.spanId)!;
    expect(client).toMatchObject({ kind: SpanKind.CLIENT, name: 'GET' });
    expect(client.attributes['http.response.status_code']).toBe(200);
    expect(seenTraceparents.at(-1)).toBe(`00-${callerTrace}-${client.spanContext().spanId}-01`);
  });

  it('should give a fetch call (the Upstash, Chroma, provider clients) a CLIENT span, its status and traceparent', async () => {
    const { scope } = await http(undefined, 200, async () => (await fetch(`${serverUrl}/fail?key=secret`)).text());
    await sdk.flush();
    const client = spans.getFinishedSpans().find((span) => span.parentSpanContext?.spanId === scope.trace.spanId)!;
    expect(client.attributes).toMatchObject({ 'http.response.status_code': 503, 'url.full': `${serverUrl}/fail` });
    expect(seenTraceparents.at(-1)).toBe(`00-${scope.trace.traceId}-${client.spanContext().spanId}-01`);
  });

  it('should start a new trace when traceparent is malformed', async () => {
    const { scope } = await http('00-not-a-trace', 200);
    expect(scope.trace.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(scope.trace.parentSpanId).toBeUndefined();
  });

  it('should parent a publish on the stored traceparent of an outbox record and link the publishing run', async () => {
    const stored = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;
    const { scope, sent } = await sdk.invoke(
      { kind: 'cron', name: 'flows-publish-events', traceparent: undefined, attributes: {} },
      async (scope) => ({ scope, sent: await sdk.publish('com.uxflow.flow.created.v1', stored, async (traceparent) => traceparent) }),
      () => ({ error: false }),
    );
    await sdk.flush();
    const producer = spans.getFinishedSpans().find((span) => span.name === 'publish com.uxflow.flow.created.v1')!;
    expect(producer.kind).toBe(SpanKind.PRODUCER);
    expect(producer.spanContext().traceId).toBe('1'.repeat(32));
    expect(producer.links.map((link) => link.context.spanId)).toEqual([scope.trace.spanId]);
    expect(sent).toBe(`00-${'1'.repeat(32)}-${producer.spanContext().spanId}-01`);
  });

  it('should hand a record written in a request its SERVER span, under which the outbox cron publishes it later', async () => {
    let kept: string | undefined;
    const { scope: request } = await http(`00-${callerTrace}-b7ad6b7169203331-01`, 202, async () => {
      kept = sdk.traceparent(); // what the outbox store keeps at insert (writerTrace)
    });
    expect(kept).toBe(`00-${callerTrace}-${request.trace.spanId}-01`);
    const { scope: cron } = await sdk.invoke(
      { kind: 'cron', name: 'knowledge-publish-document-events', traceparent: undefined, attributes: {} },
      async (scope) => ({ scope, sent: await sdk.publish('com.uxflow.knowledge.document.uploaded.v1', kept, async (t) => t) }),
      () => ({ error: false }),
    );
    await sdk.flush();
    const producer = spans.getFinishedSpans().find((span) => span.name === 'publish com.uxflow.knowledge.document.uploaded.v1')!;
    expect(producer.spanContext().traceId).toBe(callerTrace);
    expect(producer.parentSpanContext?.spanId).toBe(request.trace.spanId);
    expect(producer.links.map((link) => link.context.spanId)).toEqual([cron.trace.spanId]);
  });

  it('should count invocations and 5xx errors and time them under the instrument names the dashboard queries', async () => {
    await http(undefined, 503);
    await http(undefined, 201);
    await reader.forceFlush();
    const exported = metrics
      .getMetrics()
      .at(-1)!
      .scopeMetrics.flatMap((scope) => scope.metrics);
    const byName = new Map(exported.map((metric) => [metric.descriptor.name, metric]));
    expect([...byName.keys()].sort()).toEqual(
      Object.values(redInstruments)
        .map((instrument) => instrument.name)
        .sort(),
    );
    const errors = byName.get(redInstruments.errors.name)!.dataPoints;
    expect(errors.filter((point) => Number(point.value) > 0).map((point) => point.attributes)).toEqual([
      { function: 'flows-get', kind: 'http', operation: 'GET /v1/flows/{flowId}', status_class: '5xx' },
    ]);
    expect(Object.keys(errors[0]!.attributes).sort()).toEqual([...redLabels].sort());
    expect(byName.get(redInstruments.duration.name)!.descriptor.unit).toBe('s');
    expect(prometheusSeries(redInstruments.duration)).toEqual([
      'uxflow_function_duration_seconds_bucket',
      'uxflow_function_duration_seconds_sum',
      'uxflow_function_duration_seconds_count',
    ]);
  });
});
