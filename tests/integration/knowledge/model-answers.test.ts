import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import query from '../../../functions/knowledge/query.ts';
import search from '../../../functions/knowledge/search.ts';
import uploadDocument from '../../../functions/knowledge/upload-document.ts';
import { createLedger } from '../../../shared/billing/index.ts';
import { ledgerPorts } from '../../../shared/infra/billing/ledger-resource.ts';
import { chroma } from '../../../shared/infra/chroma/chroma-client.ts';
import { knowledgePorts } from '../../../shared/infra/knowledge/knowledge-resource.ts';
import { modelCallCollection } from '../../../shared/infra/mongodb/model-call-store.ts';
import { creditCosts } from '../../../shared/kernel/index.ts';
import { createIngestionService } from '../../../shared/knowledge/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { aiTestEnv } from '../../support/ai-kit.ts';
import { startAiWireServer, type WireServer } from '../../support/ai-wire-server.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

/**
 * Knowledge answers written by a language model: the query function, on the real MongoDB, Chroma
 * and local embedder, with a local server speaking OpenAI's wire format as the configured provider.
 */
const run = randomUUID().slice(0, 8);
const prefix = `it-kn-model-${run}`;
const provider = { name: `kq-${run}`, kind: 'openai' as const };
let server: WireServer;
let kit: WorkspaceKit;
let runtime: Runtime;
let ledger: ReturnType<typeof createLedger>;
let alice: TestUser;
let workspaceId: string;
let documentId: string;

const question = 'How many steps should a checkout have, and what should every step show?';
const ask = () =>
  kit.call(query, `/v1/workspaces/${workspaceId}/knowledge/query`, alice, { method: 'POST', body: { question, scope: 'workspace' } });
const balance = async () => (await ledger.balance(workspaceId)).balances.total;

beforeAll(async () => {
  server = await startAiWireServer();
  kit = await startWorkspaceKit(`it_knowledge_model_${run}`, {
    services: ['chroma', 'embeddings'],
    env: {
      KNOWLEDGE_COLLECTION_PREFIX: prefix,
      BROKER_URL: 'http://127.0.0.1:9/',
      ...aiTestEnv(server, [provider], `knowledge.*=${provider.name}:gpt-4.1-mini`),
      AI_MAX_RETRIES: '1',
    },
  });
  runtime = createRuntime({ name: 'knowledge-model', uses: [knowledgePorts] }, kit.env);
  ledger = createLedger(runtime.use(ledgerPorts));
  ({ alice } = await kit.users('alice'));
  workspaceId = await kit.workspace({ owner: [alice] });
  await ledger.grantPlanCredits(workspaceId, 20, `grant:${workspaceId}`, 'test', null);
  const uploaded = await kit.call(uploadDocument, `/v1/workspaces/${workspaceId}/knowledge/documents`, alice, {
    method: 'POST',
    body: {
      title: 'Checkout notes',
      format: 'text',
      content: 'Keep the checkout to three steps. Show the total price, taxes included, on every step of the checkout.',
    },
  });
  documentId = uploaded.body?.id as string;
  expect(await createIngestionService(runtime.use(knowledgePorts)).ingest(workspaceId, documentId)).toBe('ready');
}, servicesHookTimeoutMs);

afterAll(async () => {
  for (const collection of await (await runtime.use(chroma).client()).listCollections()) {
    if (collection.name.startsWith(prefix)) await (await runtime.use(chroma).client()).deleteCollection({ name: collection.name });
  }
  await runtime.close();
  await kit.close();
  await server.close();
}, 60_000);

describe('knowledge answers through a configured language model', () => {
  it('should return the model’s answer, labelled generated, citing the real chunks it was given', async () => {
    server.script(provider.name, [
      {
        reply: 'A checkout should take three steps [1]. Every step shows the total price with taxes [1]. Ask support [7].',
        inputTokens: 300,
      },
    ]);
    const before = await balance();
    const reply = await ask();
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ answerMode: 'generated' });
    // A citation of a passage the model was not given is dropped.
    expect(reply.body?.answer).toBe(
      'A checkout should take three steps [1]. Every step shows the total price with taxes [1]. Ask support.',
    );
    const citations = reply.body?.citations as { citation: number; documentId: string; chunkId: string }[];
    expect(citations.map((c) => [c.citation, c.documentId])).toEqual([[1, documentId]]);
    const found = await kit.call(search, `/v1/workspaces/${workspaceId}/knowledge/search`, alice, {
      method: 'POST',
      body: { question, scope: 'workspace' },
    });
    expect((found.body?.results as { chunkId: string }[]).map((r) => r.chunkId)).toContain(citations[0]?.chunkId);
    expect(await balance()).toBe(before - creditCosts['knowledge.query']);

    // The model saw the numbered, fenced passage and the grounding rules; nothing else of the workspace.
    const sent = server.requests(provider.name).at(-1)!;
    expect(sent.text).toContain('<passage n=\\"1\\" title=\\"Checkout notes\\">');
    expect(sent.text).toContain('Keep the checkout to three steps.');
    expect(sent.text).toContain('NO_ANSWER');
    const call = await kit.db.collection(modelCallCollection.name).findOne({ workspaceId, provider: provider.name });
    expect(call).toMatchObject({ agent: 'knowledge', outcome: 'ok', inputTokens: 300, model: 'gpt-4.1-mini' });
  });

  it('should charge nothing when the model finds no answer in the passages', async () => {
    server.script(provider.name, [{ reply: 'NO_ANSWER' }]);
    const before = await balance();
    const reply = await ask();
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ answer: null, answerMode: 'generated', citations: [] });
    expect(await balance()).toBe(before);
  });

  it('should answer 503 AI_UNAVAILABLE with Retry-After and leave the balance unchanged when the provider fails', async () => {
    server.script(provider.name, [], { status: 500 });
    const before = await balance();
    const reply = await ask();
    expect(outcome(reply)).toEqual({ status: 503, code: 'AI_UNAVAILABLE' });
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    // The reservation was released: the ledger's last entry gives the credits back.
    expect(await balance()).toBe(before);
  });
});
