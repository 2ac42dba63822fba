import { flowEventOf } from '../../shared/flows/index.ts';
import { eventPublisher } from '../../shared/infra/broker/broker-publisher.ts';
import { createFlowVersionStore } from '../../shared/infra/mongodb/flow-version-store.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Versions per run; a backlog drains over the next runs. */
const batchSize = 200;

export default defineCronFunction({
  name: 'flows-publish-flow-events',
  domain: 'flows',
  description: 'Every minute, publishes flow created/updated/deleted events for stored versions not yet on the bus (the outbox).',
  schedule: '* * * * *',
  uses: [mongo, eventPublisher],
  costTags: { team: 'flows', costCenter: 'cc-flows', tier: 'batch' },
  privacy: { personalData: ['identity'], purpose: 'tell other functions which flows changed and by whom', legalBasis: 'contract' },
  handler: async (_tick, { use, log }) => {
    const outbox = createFlowVersionStore(use(mongo).db);
    const publisher = use(eventPublisher);
    let published = 0;
    // In order, marked only once the broker took it; a crash in between republishes the same id, which consumers dedupe.
    for (const version of await outbox.unpublished(batchSize)) {
      await publisher.publish(flowEventOf(version));
      await outbox.markPublished(version.flowId, version.versionNumber, new Date());
      published += 1;
    }
    if (published > 0) log.info({ published }, 'flow events published');
  },
});
