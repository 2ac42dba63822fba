import { setTimeout as wait } from 'node:timers/promises';
import { createLedger } from '../../billing/index.ts';
import { newId } from '../../kernel/index.ts';
import type { KnowledgePorts } from '../../knowledge/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { effectivePlan, planLimits } from '../../workspaces/index.ts';
import { ledgerPorts } from '../billing/ledger-resource.ts';
import { chroma } from '../chroma/chroma-client.ts';
import { createChromaVectorIndex } from '../chroma/knowledge-vector-index.ts';
import { createKnowledgeDocumentStore } from '../mongodb/knowledge-document-store.ts';
import { createKnowledgeContentStore, createKnowledgeDeletionMarks, createKnowledgeUsageStore } from '../mongodb/knowledge-stores.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { createContentSealer } from '../crypto/sealed-content.ts';
import { createSealedVectorIndex } from './sealed-vector-index.ts';
import { createWorkspaceStore } from '../mongodb/workspace-store.ts';
import { webAppConfig } from '../web-app-config.ts';
import { createAiEmbedder } from './ai-embedder.ts';
import { embeddingsConfig } from './embeddings-config.ts';
import { knowledgeConfig } from './knowledge-config.ts';
import { createLexicalIndex } from './lexical-index.ts';

const config = defineConfig({
  name: 'knowledge-ports',
  shape: { ...knowledgeConfig.shape, ...embeddingsConfig.shape, ...webAppConfig.shape },
  devDefaults: { ...knowledgeConfig.devDefaults, ...embeddingsConfig.devDefaults, ...webAppConfig.devDefaults },
});

/**
 * The knowledge services' ports: documents, contents (sealed under the workspace's key), deletion
 * marks and usage in MongoDB, vectors and sealed chunk texts in Chroma, BM25 in the instance, embeddings through the AI SDK, credits through
 * the ledger, the plan from the workspace document. The lexical indexes live as long as the instance.
 */
export const knowledgePorts = defineResource({
  name: 'knowledge-ports',
  config,
  recipient: { name: 'the embeddings provider (EMBEDDINGS_BASE_URL)', role: 'vectors of document passages and questions (processor)' },
  requires: [mongo, chroma, fieldSealer, ledgerPorts],
  create: (settings, { use }): KnowledgePorts => {
    const { db } = use(mongo);
    const seal = createContentSealer(use(fieldSealer));
    const vectors = createSealedVectorIndex(createChromaVectorIndex(use(chroma), settings.KNOWLEDGE_COLLECTION_PREFIX), seal);
    const workspaces = createWorkspaceStore(db);
    return {
      documents: createKnowledgeDocumentStore(db),
      contents: createKnowledgeContentStore(db, seal),
      deletions: createKnowledgeDeletionMarks(db),
      usage: createKnowledgeUsageStore(db),
      vectors,
      lexical: createLexicalIndex(vectors),
      embedder: createAiEmbedder(settings, db),
      ledger: createLedger(use(ledgerPorts)),
      plans: {
        limitsOf: async (workspaceId) => {
          const workspace = await workspaces.findActive(workspaceId);
          const plan = workspace ? effectivePlan(workspace, new Date()) : 'free';
          return { plan, limits: planLimits[plan] };
        },
      },
      upgradeUrl: (workspaceId) => `${settings.WEB_APP_URL}/workspaces/${encodeURIComponent(workspaceId)}/billing/upgrade`,
      clock: { now: () => new Date() },
      newId,
      sleep: async (ms) => {
        await wait(ms);
      },
    };
  },
});
