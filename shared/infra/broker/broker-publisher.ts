import { CloudEvent, HTTP } from 'cloudevents';
import { z } from 'zod';
import { DomainError } from '../../kernel/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { eventCatalog, type EventType } from '../../platform/events/catalog.ts';
import type { EventPublisher, OutgoingEvent } from '../../platform/events/publisher.ts';
import { defineResource } from '../../platform/resource.ts';
import { publishSpan } from '../../platform/telemetry/telemetry.ts';
import { httpSend } from '../http-send.ts';

export const brokerConfig = defineConfig({
  name: 'broker',
  shape: {
    /** The Knative Broker's ingress (or the local broker in development). */
    BROKER_URL: z.url(),
  },
  devDefaults: { BROKER_URL: 'http://127.0.0.1:8088' },
});

/** Publishes CloudEvents 1.0 in binary mode over HTTP, checking data against the catalog first. */
export const createBrokerPublisher = (brokerUrl: string, source: string): EventPublisher => ({
  publish: async <T extends EventType>(event: OutgoingEvent<T>) => {
    const data = eventCatalog[event.type].parse(event.data);
    // The event carries the publishing span (its producer span when traced), so the consumer
    // continues the trace; an outbox record's stored traceparent makes it that of its request.
    return publishSpan(event.type, event.traceparent, async (traceparent) => {
      const cloudEvent = new CloudEvent({
        ...(event.id ? { id: event.id } : {}),
        type: event.type,
        source,
        subject: event.subject,
        datacontenttype: 'application/json',
        data,
        ...(traceparent ? { traceparent } : {}),
        ...event.extensions,
      });
      const message = HTTP.binary(cloudEvent);
      const { status } = await httpSend(brokerUrl, {
        method: 'POST',
        headers: message.headers as Record<string, string>,
        body: message.body as string,
        signal: AbortSignal.timeout(5000),
      }).catch((cause: unknown) => {
        throw new DomainError('unavailable', 'BROKER_UNREACHABLE', { detail: 'The event broker did not answer.', cause });
      });
      if (status < 200 || status >= 300)
        throw new DomainError('unavailable', 'BROKER_REJECTED', { detail: `The event broker answered ${status}.` });
      return { id: cloudEvent.id };
    });
  },
});

export const eventPublisher = defineResource({
  name: 'broker',
  config: brokerConfig,
  create: (config, { functionName }) => createBrokerPublisher(config.BROKER_URL, `/functions/${functionName}`),
});
