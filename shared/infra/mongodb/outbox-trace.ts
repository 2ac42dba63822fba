import { currentTraceparent } from '../../platform/telemetry/telemetry.ts';

/**
 * The field an outbox record keeps when it is written: the `traceparent` of the request, event or
 * cron run writing it (nothing outside one), so that the outbox cron publishing it late continues
 * that trace. Random ids, not personal data.
 */
export const writerTrace = (): { traceparent?: string } => {
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent } : {};
};

/** The kept `traceparent` of a stored record (absent on records stored before it was kept). */
export const keptTrace = (stored: { traceparent?: unknown }): { traceparent?: string } =>
  typeof stored.traceparent === 'string' ? { traceparent: stored.traceparent } : {};
