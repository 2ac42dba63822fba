import { eventPublisher } from '../../shared/infra/broker/broker-publisher.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { createSecurityEventStore } from '../../shared/infra/mongodb/security-event-store.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { drainOutbox } from '../../shared/platform/events/outbox.ts';

/** Events per run; a backlog drains over the next runs. */
const batchSize = 200;

export default defineCronFunction({
  description: 'Every minute, publishes the stored security events not yet on the bus (the security_events outbox).',
  schedule: '* * * * *',
  uses: [mongo, eventPublisher],
  costTags: { team: 'security', costCenter: 'cc-security', tier: 'batch' },
  privacy: {
    personalData: ['network', 'security'],
    purpose: 'deliver security events to detection and alerting',
    legalBasis: 'legitimate-interests',
  },
  handler: async (_tick, { use, log }) => {
    const store = createSecurityEventStore(use(mongo).db);
    const publisher = use(eventPublisher);
    const published = await drainOutbox(
      await store.unpublished(batchSize),
      (event) => publisher.publish({ id: event.id, type: 'com.uxflow.security.event.v1', subject: event.id, data: event }),
      (event) => store.markPublished(event.id, new Date()),
    );
    if (published > 0) log.info({ published }, 'security events published');
  },
});
