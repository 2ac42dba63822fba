import { setTimeout as wait } from 'node:timers/promises';
import type { AiPorts } from '../../ai/index.ts';
import { createLedger } from '../../billing/index.ts';
import { newId } from '../../kernel/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { ledgerPorts } from '../billing/ledger-resource.ts';
import { flowPorts } from '../flows/flows-resource.ts';
import { createAiJobImageStore } from '../mongodb/ai-image-store.ts';
import { createAiJobLog, createAiJobStore, createAiMessageStore } from '../mongodb/ai-job-stores.ts';
import { createAiProposalOutcomes, createAiProposalSlots, createAiProposalStore } from '../mongodb/ai-proposal-stores.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { createContentSealer } from '../crypto/sealed-content.ts';
import { webAppConfig } from '../web-app-config.ts';

/**
 * The AI services' ports: messages, jobs, the step log and proposals in MongoDB, credits through
 * the ledger, flows through the flow services' ports, the real clock.
 */
export const aiPorts = defineResource({
  name: 'ai-ports',
  config: webAppConfig,
  requires: [mongo, fieldSealer, ledgerPorts, flowPorts],
  create: (settings, { use }): AiPorts => {
    const { db } = use(mongo);
    const seal = createContentSealer(use(fieldSealer));
    return {
      messages: createAiMessageStore(db, seal),
      jobs: createAiJobStore(db),
      log: createAiJobLog(db, seal),
      proposals: createAiProposalStore(db, seal),
      slots: createAiProposalSlots(db),
      outcomes: createAiProposalOutcomes(db),
      images: createAiJobImageStore(db),
      ledger: createLedger(use(ledgerPorts)),
      flows: use(flowPorts),
      upgradeUrl: (workspaceId) => `${settings.WEB_APP_URL}/workspaces/${encodeURIComponent(workspaceId)}/billing/upgrade`,
      clock: { now: () => new Date() },
      newId,
      sleep: async (ms) => {
        await wait(ms);
      },
    };
  },
});
