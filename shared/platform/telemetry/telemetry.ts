import { currentRequest } from '../request-scope.ts';
import { continueTrace, type TraceContext } from '../trace-context.ts';
import type { OtelSdk } from './otel-sdk.ts';

export type InvocationKind = 'http' | 'event' | 'cron';
export type Attributes = Record<string, string | number | boolean>;

/** One request or delivered event, as its span and its RED metrics see it. */
export interface Invocation {
  kind: InvocationKind;
  /** The span's name: `POST /v1/workspaces/{workspaceId}/flows`, or the event type. */
  name: string;
  /** The caller's W3C `traceparent` (header or CloudEvent extension), continued when valid. */
  traceparent: string | undefined;
  attributes: Attributes;
}

/** What the work learns of its span: the ids for logs and `traceresponse`, a way to add attributes. */
export interface InvocationScope {
  trace: TraceContext;
  annotate: (attributes: Attributes) => void;
}

/** The outcome an invocation is counted under: `error` is a 5xx answer or a thrown event handler. */
export interface Outcome {
  error: boolean;
  attributes?: Attributes;
}

/** Who the spans and metrics of a runtime come from. */
export interface TelemetryIdentity {
  functionName: string;
  version: string;
  /** The definition's cost tags, as span attributes (`uxflow.team`, …). */
  costTags?: Readonly<Record<string, string>> | undefined;
}

export interface Telemetry {
  enabled: boolean;
  /** Runs one invocation in a SERVER or CONSUMER span continued from its caller; records its RED metrics. */
  invoke: <T>(invocation: Invocation, work: (scope: InvocationScope) => Promise<T>, outcomeOf: (result: T) => Outcome) => Promise<T>;
  /** Exports what is buffered (tests; the host before the instance goes away). */
  flush: () => Promise<void>;
}

export interface TelemetrySettings {
  endpoint: string | undefined;
  sampleRatio: number;
}

// One SDK per process (OpenTelemetry's API is process-global): the first configured runtime loads
// it; `loaded` is set once it is, so the synchronous helpers below can use it without awaiting.
let loading: Promise<OtelSdk> | undefined;
let loaded: OtelSdk | undefined;
let tracing = false;

/** Loads the SDK on first need, only ever when an endpoint is configured (cold starts stay as they were otherwise). */
const loadSdk = (settings: TelemetrySettings & { endpoint: string }, identity: TelemetryIdentity): Promise<OtelSdk> =>
  (loading ??= import('./otel-sdk.ts').then((module) => (loaded = module.startOtelSdk(settings, identity))));

const attributesOf = (identity: TelemetryIdentity): Attributes => ({
  'faas.name': identity.functionName,
  'service.version': identity.version,
  ...Object.fromEntries(Object.entries(identity.costTags ?? {}).map(([key, value]) => [`uxflow.${snake(key)}`, value])),
});
const snake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const noopTelemetry: Telemetry = {
  enabled: false,
  invoke: (invocation, work) => work({ trace: continueTrace(invocation.traceparent), annotate: () => {} }),
  flush: () => Promise.resolve(),
};

/**
 * The telemetry of one runtime: without `OTEL_EXPORTER_OTLP_ENDPOINT` a no-op that only continues
 * the caller's trace ids for the logs, as the pipeline always did; with it, the OpenTelemetry SDK,
 * imported when the first invocation starts.
 */
export const createTelemetry = (settings: TelemetrySettings, identity: TelemetryIdentity): Telemetry => {
  const { endpoint } = settings;
  if (!endpoint) return noopTelemetry;
  tracing = true;
  const common = attributesOf(identity);
  return {
    enabled: true,
    invoke: async (invocation, work, outcomeOf) =>
      (await loadSdk({ ...settings, endpoint }, identity)).invoke(
        { ...invocation, attributes: { ...common, ...invocation.attributes } },
        work,
        outcomeOf,
      ),
    flush: async () => (loading ? (await loading).flush() : undefined),
  };
};

/** True once a runtime of this process configured an exporter (the MongoDB client then monitors its commands). */
export const isTracing = (): boolean => tracing;

/** The `traceparent` to hand on from here: the active span's, or without the SDK the request's own. */
export const currentTraceparent = (): string | undefined => (loaded ? loaded.traceparent() : currentRequest()?.traceparent);

/**
 * Runs a publish in a PRODUCER span. `stored` is the traceparent an outbox record kept from the
 * request that wrote it: the span then joins that trace (linked to the cron run that publishes).
 * `work` gets the traceparent to send with the event.
 */
export const publishSpan = <T>(
  eventType: string,
  stored: string | undefined,
  work: (traceparent: string | undefined) => Promise<T>,
): Promise<T> => (loaded ? loaded.publish(eventType, stored, work) : work(stored ?? currentTraceparent()));

/** The SDK's MongoDB command listener, when tracing (`mongo-resource.ts` attaches it). */
export const mongoCommandTracer = (): OtelSdk['mongoCommands'] | undefined => loaded?.mongoCommands;
