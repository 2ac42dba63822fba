import type { EventData, EventType } from './catalog.ts';

/** An event to publish; `source` is filled in from the publishing function's name. */
export interface OutgoingEvent<T extends EventType> {
  type: T;
  /** The resource the event is about. */
  subject: string;
  data: EventData<T>;
  /** Our `traceparent`, carried as the CloudEvents distributed-tracing extension. */
  traceparent?: string;
  /** A stable id makes re-publishing the same fact idempotent for consumers. */
  id?: string;
  /** CloudEvents extension attributes (names: lower-case letters and digits), e.g. `stripetype`. */
  extensions?: Record<string, string>;
}

/** Port: delivers events to the broker. Resolves once the broker accepted; throws otherwise. */
export interface EventPublisher {
  publish: <T extends EventType>(event: OutgoingEvent<T>) => Promise<{ id: string }>;
}
