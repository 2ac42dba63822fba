import { eventPublisher } from '../../shared/infra/broker/broker-publisher.ts';
import { securitySystem } from '../../shared/infra/security/security-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { drainOutbox } from '../../shared/platform/events/outbox.ts';

/** Events per run; a backlog drains over the next runs. */
const batchSize = 200;

export default defineCronFunction({
  description: 'Every minute, publishes the stored security events not yet on the bus (the security_events outbox).',
  schedule: '* * * * *',
  uses: [securitySystem, eventPublisher],
  costTags: { team: 'security', costCenter: 'cc-security', tier: 'batch' },
  privacy: {
    personalData: ['network', 'security'],
    purpose: 'deliver security events to detection and alerting',
    legalBasis: 'legitimate-interests',
  },
  handler: async (_tick, { use, log }) => {
    const outbox = use(securitySystem).eventOutbox;
    const publisher = use(eventPublisher);
    const published = await drainOutbox(
      await outbox.unpublished(batchSize),
      // Each event continues the trace of the request that recorded it.
      ({ traceparent, ...event }) =>
        publisher.publish({ id: event.id, type: 'com.uxflow.security.event.v1', subject: event.id, data: event, traceparent }),
      outbox.markPublished,
    );
    if (published > 0) log.info({ published }, 'security events published');
  },
});
