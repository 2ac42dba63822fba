import { eventPublisher } from '../../shared/infra/broker/broker-publisher.ts';
import { createKnowledgeDocumentStore } from '../../shared/infra/mongodb/knowledge-document-store.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { createUploadEvents } from '../../shared/infra/knowledge/upload-events.ts';
import { publishDueUploads } from '../../shared/knowledge/index.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Documents per run; a backlog drains over the next runs. */
const batchSize = 100;

export default defineCronFunction({
  name: 'knowledge-publish-document-events',
  domain: 'knowledge',
  description:
    'Every minute, publishes upload events the upload could not (the outbox) and again those of documents still processing 10 minutes later.',
  schedule: '* * * * *',
  uses: [mongo, eventPublisher],
  costTags: { team: 'knowledge', costCenter: 'cc-knowledge', tier: 'batch' },
  privacy: { personalData: 'none' },
  handler: async (_tick, { use, log }) => {
    const published = await publishDueUploads(
      {
        documents: createKnowledgeDocumentStore(use(mongo).db),
        events: createUploadEvents(use(eventPublisher)),
        clock: { now: () => new Date() },
      },
      batchSize,
    );
    if (published > 0) log.info({ published }, 'knowledge upload events published');
  },
});
