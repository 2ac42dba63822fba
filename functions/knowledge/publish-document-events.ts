import { eventPublisher } from '../../shared/infra/broker/broker-publisher.ts';
import { knowledgeSystem } from '../../shared/infra/knowledge/knowledge-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Documents per run; a backlog drains over the next runs. */
const batchSize = 100;

export default defineCronFunction({
  description:
    'Every minute, publishes upload events the upload could not (the outbox) and again those of documents still processing 10 minutes later.',
  schedule: '* * * * *',
  uses: [knowledgeSystem, eventPublisher],
  costTags: { team: 'knowledge', costCenter: 'cc-knowledge', tier: 'batch' },
  privacy: {
    personalData: ['identity'],
    purpose: 'queue uploaded documents for ingestion (ids only leave the store)',
    legalBasis: 'contract',
  },
  handler: async (_tick, { use, log }) => {
    const published = await use(knowledgeSystem).publishDueUploads(batchSize);
    if (published > 0) log.info({ published }, 'knowledge upload events published');
  },
});
