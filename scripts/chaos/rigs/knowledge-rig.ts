import { randomUUID } from 'node:crypto';
import listDocuments from '../../../functions/knowledge/list-documents.ts';
import query from '../../../functions/knowledge/query.ts';
import search from '../../../functions/knowledge/search.ts';
import { createLedger } from '../../../shared/billing/index.ts';
import { ledgerPorts } from '../../../shared/infra/billing/ledger-resource.ts';
import { reconcileLedger } from '../../billing-reconcile.ts';
import type { LoadAction } from '../load.ts';
import { pick, startRigBase } from './rig-base.ts';

/**
 * Knowledge against Chroma behind the proxy: hybrid search and credited questions (reserve, then
 * retrieval, then commit or release) need Chroma; the document list does not. The collections
 * have a prefix of their own (nothing stored in them: the scenario is about reaching Chroma).
 * Invariant: the ledger reconciles (no reservation left half-settled by a failed question).
 */
export const startKnowledgeRig = async (name: string, env: Record<string, string>) => {
  const prefix = `chaos-${randomUUID().slice(0, 8)}`;
  const base = await startRigBase(name, { KNOWLEDGE_COLLECTION_PREFIX: prefix, ...env }, { services: ['chroma', 'embeddings'] });
  const ledger = createLedger(base.runtimeOf({ uses: [ledgerPorts] }, 'chaos-ledger').use(ledgerPorts));
  await ledger.grantPlanCredits(base.workspaceId, 100_000, `grant:${base.workspaceId}`, 'chaos', null);
  const apps = {
    search: base.appOf(search, 'knowledge-search'),
    query: base.appOf(query, 'knowledge-query'),
    list: base.appOf(listDocuments, 'knowledge-list-documents'),
  };
  const root = `/v1/workspaces/${base.workspaceId}/knowledge`;
  const question = { question: 'How should a checkout flow confirm a payment?' };
  const actions: LoadAction[] = [
    { name: 'knowledge-search', kind: 'read', send: () => base.send(apps.search, `${root}/search`, { method: 'POST', body: question }) },
    {
      name: 'knowledge-query',
      kind: 'write',
      send: () => base.send(apps.query, `${root}/query`, { method: 'POST', body: question, headers: { 'idempotency-key': randomUUID() } }),
    },
    { name: 'knowledge-list-documents', kind: 'read', send: () => base.send(apps.list, `${root}/documents`) },
  ];
  const check = async () => ({
    partialWrites: (await reconcileLedger(base.kit.db)).problems.map((p) => `ledger seq ${p.seq}: ${p.problem}`),
  });
  return { nextAction: () => pick(actions), probes: () => actions, check, close: base.close };
};
