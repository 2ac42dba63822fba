import { z } from 'zod';
// The schema module alone: the flows index would pull the whole flow engine into every bundle.
import { flowEventDataSchema } from '../../flows/flow-events.ts';
import { securityEventDataSchema } from '../../security/security-event.ts';
import { securityAlertDataSchema } from '../../security/monitoring/records.ts';
import { stripeWebhookEventSchema } from '../../billing/webhook-event.ts';
import { documentUploadedEventSchema } from '../../knowledge/events.ts';
import { jobRequestedEventSchema } from '../../ai/events.ts';

/**
 * Every CloudEvent type the platform publishes or consumes, with the schema of its `data`.
 * Types are `com.uxflow.<domain>.<event>.v1`; a breaking change is a new `.v2` type.
 */
export const eventCatalog = {
  'com.uxflow.ops.heartbeat.v1': z.object({
    /** The cron function that beat. */
    job: z.string().min(1),
    /** When the tick fired (ISO-8601). */
    firedAt: z.iso.datetime({ offset: true }),
    /** The tick's own id, so a retried tick is recognisable. */
    tickId: z.string().min(1),
  }),
  /** A security-relevant fact (failed login, permission denial, rate limit…); never a secret. Subject: the event id. */
  'com.uxflow.security.event.v1': securityEventDataSchema,
  /** A detection rule fired: the stored alert (rule, severity, subject, window, incident). Id and subject: the alert id. */
  'com.uxflow.security.alert.v1': securityAlertDataSchema,
  /** A flow came to exist (created, imported, duplicated). Subject: the flow id; data carries the version and an operations summary. */
  'com.uxflow.flow.created.v1': flowEventDataSchema,
  /** A flow got a new version (operations, restore, undelete). */
  'com.uxflow.flow.updated.v1': flowEventDataSchema,
  /** A flow was deleted (restorable for 30 days). */
  'com.uxflow.flow.deleted.v1': flowEventDataSchema,
  /** A verified Stripe webhook event, re-published from `stripe_events`. Id: the Stripe event id; extension `stripetype`: its Stripe type. */
  'com.uxflow.billing.stripe.v1': stripeWebhookEventSchema,
  /** A knowledge document was uploaded and waits for ingestion (from the upload, or the outbox cron). Subject: the document id. */
  'com.uxflow.knowledge.document.uploaded.v1': documentUploadedEventSchema,
  /** An AI job was accepted and waits for the runner (from the request, or the outbox cron). Subject: the job id. */
  'com.uxflow.ai.job.requested.v1': jobRequestedEventSchema,
} as const;

export type EventType = keyof typeof eventCatalog;
export type EventData<T extends EventType> = z.infer<(typeof eventCatalog)[T]>;
export const eventTypes = Object.keys(eventCatalog) as EventType[];

/** The attribute a PingSource adds to tell cron jobs apart (its type is always the same). */
export const pingEventType = 'dev.knative.sources.ping';
export const cronJobExtension = 'job';
