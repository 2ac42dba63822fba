import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireExecutable, runInstallStep } from './install.ts';
import { binDir, dataDir, ensureDir, toolsDir } from './paths.ts';
import { httpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import type { Service } from './service.ts';

const version = '1.75.0';
const modulePath = 'github.com/jaegertracing/jaeger';
const host = '127.0.0.1';
const binary = join(binDir, `jaeger-${version}`);
const goHint = 'Jaeger is built from the Go module proxy: install Go 1.24 or newer and put `go` on PATH.';

/** Where the local collector listens: OTLP in, the Jaeger UI and API, RED metrics for Prometheus. */
export const tracingAddresses = {
  otlpHttp: `http://${host}:4318`,
  otlpGrpc: `${host}:4317`,
  query: `http://${host}:16686`,
  prometheus: `http://${host}:8889/metrics`,
  health: `http://${host}:13133/status`,
} as const;

/**
 * Jaeger v2 (the OpenTelemetry Collector with Jaeger's storage and UI): traces over OTLP into
 * memory, shown at :16686 and read back by tests through its query API; metrics over OTLP out to a
 * Prometheus endpoint, so the names the dashboard queries can be checked against what the code emits.
 */
const config = `
service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
    metrics:
      receivers: [otlp]
      exporters: [prometheus]
  telemetry:
    logs:
      level: warn
    metrics:
      level: none
extensions:
  healthcheckv2:
    use_v2: true
    http:
      endpoint: ${host}:13133
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: ${host}:16686
    grpc:
      endpoint: ${host}:16685
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000
receivers:
  otlp:
    protocols:
      http:
        endpoint: ${host}:4318
      grpc:
        endpoint: ${host}:4317
processors:
  batch:
    timeout: 200ms
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
  prometheus:
    endpoint: ${host}:8889
`;

/**
 * Not started by a bare `up` (`optional`): ask for it, `npm run services -- up tracing`, and point
 * functions at it with `OTEL_EXPORTER_OTLP_ENDPOINT` (its env is empty on purpose: every test
 * would otherwise export to it).
 */
export const tracing: Service = {
  name: 'tracing',
  description: `Jaeger ${version} (OTLP collector, in-memory traces, Prometheus metrics)`,
  address: `${host}:4318 (UI ${tracingAddresses.query})`,
  optional: true,
  env: {},
  probe: () => httpProbe(`${tracingAddresses.query}/api/services`),
  install: buildJaeger,
  start: () => {
    const file = join(ensureDir(join(dataDir, 'tracing')), 'jaeger.yaml');
    writeFileSync(file, config);
    return spawnDetached({ name: 'tracing', command: binary, args: ['--config', file] });
  },
  startTimeoutMs: 60_000,
};

/**
 * `go install …@v` refuses a module whose go.mod has replace directives, so Jaeger is added as a
 * tool of a scratch module (`go get -tool`, which takes its requirements as they are) and built there.
 */
async function buildJaeger(): Promise<void> {
  if (existsSync(binary)) return;
  const go = requireExecutable('tracing', 'go', goHint);
  const scratch = join(ensureDir(join(toolsDir, 'src')), `jaeger-build-${version}`);
  rmSync(scratch, { recursive: true, force: true });
  ensureDir(scratch);
  const step = (args: string[]) =>
    runInstallStep({ service: 'tracing', command: go, args, cwd: scratch, hint: `Check that the Go module proxy is reachable. ${goHint}` });
  await step(['mod', 'init', 'uxflow.local/jaeger-build']);
  await step(['get', '-tool', `${modulePath}/cmd/jaeger@v${version}`]);
  ensureDir(binDir);
  const partial = `${binary}.partial`;
  await step(['build', '-trimpath', '-o', partial, `${modulePath}/cmd/jaeger`]);
  renameSync(partial, binary);
  rmSync(scratch, { recursive: true, force: true });
}
