import { DomainError } from '../../kernel/index.ts';
import type { CronFunctionDefinition, EventFunctionDefinition } from '../definition/define.ts';
import type { Runtime } from '../runtime.ts';
import { cronJobExtension, eventCatalog, type EventType } from './catalog.ts';

/** The attributes of a CloudEvent as both hosts receive it. */
export interface IncomingEvent {
  id: string;
  type: string;
  source: string;
  subject?: string | undefined;
  time?: string | undefined;
  data?: unknown;
  [extension: string]: unknown;
}

const runEvent = async (definition: EventFunctionDefinition, runtime: Runtime, event: IncomingEvent) => {
  const type = event.type as EventType;
  if (!definition.events.includes(type)) {
    throw new DomainError('invalid', 'EVENT_TYPE_NOT_SUBSCRIBED', { detail: `${runtime.name} does not handle ${event.type}.` });
  }
  const data = eventCatalog[type].safeParse(event.data);
  if (!data.success) {
    throw new DomainError('invalid', 'EVENT_DATA_INVALID', { detail: `${event.type} ${event.id}: ${data.error.message}` });
  }
  const log = runtime.log.child({ eventId: event.id, eventType: event.type });
  await definition.handler(
    { id: event.id, type, source: event.source, subject: event.subject, time: event.time, data: data.data },
    { log, use: runtime.use },
  );
};

const runCron = async (definition: CronFunctionDefinition, runtime: Runtime, event: IncomingEvent) => {
  const job = event[cronJobExtension];
  if (job !== runtime.name) {
    throw new DomainError('invalid', 'CRON_JOB_MISMATCH', { detail: `${runtime.name} received a tick for ${String(job)}.` });
  }
  const log = runtime.log.child({ tickId: event.id, job });
  await definition.handler({ id: event.id, job, time: event.time ?? new Date().toISOString() }, { log, use: runtime.use });
};

/**
 * Runs an event or cron function for one delivered CloudEvent. Throws on failure so the
 * delivering broker retries (and dead-letters after its last retry).
 */
export const dispatchEvent = async (
  definition: EventFunctionDefinition | CronFunctionDefinition,
  runtime: Runtime,
  event: IncomingEvent,
): Promise<void> => {
  const started = performance.now();
  const invocation = {
    kind: definition.kind,
    name: definition.kind === 'event' ? event.type : runtime.name,
    // The CloudEvents distributed-tracing extension: the publisher's span.
    traceparent: typeof event.traceparent === 'string' ? event.traceparent : undefined,
    attributes: { 'cloudevents.event_id': event.id, 'cloudevents.event_type': event.type, 'cloudevents.event_source': event.source },
  };
  try {
    await runtime.telemetry.invoke(
      invocation,
      () => (definition.kind === 'event' ? runEvent(definition, runtime, event) : runCron(definition, runtime, event)),
      () => ({ error: false }),
    );
    runtime.log.info({ eventId: event.id, eventType: event.type, durationMs: Math.round(performance.now() - started) }, 'event handled');
  } catch (error) {
    runtime.log.error({ err: error, eventId: event.id, eventType: event.type }, 'event failed');
    throw error;
  }
};
