import type { Outbox } from '../kernel/index.ts';
import type { SecurityEventData } from './security-event.ts';

/** What the security domain's background functions do: publish the recorded events (the outbox). */
export const createSecuritySystemService = ({ outbox }: { outbox: Outbox<SecurityEventData> }) => ({
  /** The recorded events not yet on the bus (`com.uxflow.security.event.v1`). */
  eventOutbox: outbox,
});
