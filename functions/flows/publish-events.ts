import { flowEventOf } from '../../shared/flows/index.ts';
import { eventPublisher } from '../../shared/infra/broker/broker-publisher.ts';
import { flowSystem } from '../../shared/infra/flows/flow-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { drainOutbox } from '../../shared/platform/events/outbox.ts';

/** Versions per run; a backlog drains over the next runs. */
const batchSize = 200;

export default defineCronFunction({
  description: 'Every minute, publishes flow created/updated/deleted events for stored versions not yet on the bus (the outbox).',
  schedule: '* * * * *',
  uses: [flowSystem, eventPublisher],
  costTags: { team: 'flows', costCenter: 'cc-flows', tier: 'batch' },
  privacy: { personalData: ['identity'], purpose: 'tell other functions which flows changed and by whom', legalBasis: 'contract' },
  handler: async (_tick, { use, log }) => {
    const outbox = use(flowSystem).eventOutbox;
    const publisher = use(eventPublisher);
    const published = await drainOutbox(
      await outbox.unpublished(batchSize),
      // Each event continues the trace of the request that stored its version.
      (version) => publisher.publish({ ...flowEventOf(version), traceparent: version.traceparent }),
      outbox.markPublished,
    );
    if (published > 0) log.info({ published }, 'flow events published');
  },
});
