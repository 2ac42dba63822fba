import type { SecurityEvents } from '../../security/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { mongo } from './mongo-resource.ts';
import { createSecurityEventStore } from './security-event-store.ts';

/**
 * Security events for the request pipeline (authenticator, rate limiter): stored in
 * `security_events` (the outbox a cron publishes), best effort — a store failure is logged with
 * the event (it holds no secrets) and never turns a 403 or 429 into a 500.
 */
export const securityEvents = defineResource({
  name: 'security-events',
  config: defineConfig({ name: 'security-events', shape: {}, devDefaults: {} }),
  requires: [mongo],
  create: (_config, { use, log }): SecurityEvents => {
    const store = createSecurityEventStore(use(mongo).db);
    return {
      record: async (event) => {
        await store.record(event).catch((error: unknown) => log.error({ err: error, securityEvent: event }, 'security event not stored'));
      },
    };
  },
});
