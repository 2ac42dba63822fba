import { createKnowledgeSystemService } from '../../knowledge/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { eventPublisher } from '../broker/broker-publisher.ts';
import { createKnowledgeDocumentStore } from '../mongodb/knowledge-document-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createUploadEvents } from './upload-events.ts';

/** The knowledge system service: the uploads outbox over `knowledge_documents` and the broker (no Chroma, no embedder). */
export const knowledgeSystem = defineResource({
  name: 'knowledge-system',
  config: defineConfig({ name: 'knowledge-system', shape: {}, devDefaults: {} }),
  requires: [mongo, eventPublisher],
  create: (_config, { use }) =>
    createKnowledgeSystemService({
      documents: createKnowledgeDocumentStore(use(mongo).db),
      events: createUploadEvents(use(eventPublisher)),
      clock: { now: () => new Date() },
    }),
});
