import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deleteDocument from '../../../functions/knowledge/delete-document.ts';
import getDocument from '../../../functions/knowledge/get-document.ts';
import listDocuments from '../../../functions/knowledge/list-documents.ts';
import query from '../../../functions/knowledge/query.ts';
import search from '../../../functions/knowledge/search.ts';
import uploadDocument from '../../../functions/knowledge/upload-document.ts';
import { createLedger } from '../../../shared/billing/index.ts';
import { ledgerPorts } from '../../../shared/infra/billing/ledger-resource.ts';
import { chroma } from '../../../shared/infra/chroma/chroma-client.ts';
import { knowledgePorts } from '../../../shared/infra/knowledge/knowledge-resource.ts';
import { knowledgeDocumentCollection } from '../../../shared/infra/mongodb/knowledge-document-store.ts';
import { createIngestionService, type KnowledgePorts } from '../../../shared/knowledge/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type Reply, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

/**
 * Tenant isolation through the knowledge HTTP functions themselves: two workspaces on the real
 * services, each with a document on a subject of its own, and every endpoint called by a member of
 * one with the other's ids forged into paths, bodies, filters and query strings.
 */
const run = randomUUID().slice(0, 8);
const prefix = `it-kn-iso-${run}`;
let kit: WorkspaceKit;
let runtime: Runtime;
let ports: KnowledgePorts;
let alice: TestUser;
let bob: TestUser;
let mine: string;
let theirs: string;
let myDocument: string;
let theirDocument: string;

const base = (workspaceId: string) => `/v1/workspaces/${workspaceId}/knowledge`;
const idsIn = (reply: Reply, key: 'items' | 'results' | 'citations') =>
  ((reply.body?.[key] as { id?: string; documentId?: string }[] | undefined) ?? []).map((item) => item.documentId ?? item.id);

const upload = async (as: TestUser, workspaceId: string, title: string, content: string, forged: Record<string, unknown> = {}) => {
  const reply = await kit.call(uploadDocument, `${base(workspaceId)}/documents`, as, {
    method: 'POST',
    body: { title, format: 'text', content, ...forged },
  });
  expect(reply.status).toBe(202);
  const id = reply.body?.id as string;
  expect(await createIngestionService(ports).ingest(workspaceId, id)).toBe('ready');
  return id;
};

beforeAll(async () => {
  kit = await startWorkspaceKit(`it_knowledge_isolation_${run}`, {
    services: ['chroma', 'embeddings'],
    // No broker: uploads go to the outbox and the test ingests them itself.
    env: { KNOWLEDGE_COLLECTION_PREFIX: prefix, BROKER_URL: 'http://127.0.0.1:9/' },
  });
  runtime = createRuntime({ name: 'knowledge-isolation', uses: [knowledgePorts] }, kit.env);
  ports = runtime.use(knowledgePorts);
  ({ alice, bob } = await kit.users('alice', 'bob'));
  mine = await kit.workspace({ owner: [alice] });
  theirs = await kit.workspace({ owner: [bob] });
  const ledger = createLedger(runtime.use(ledgerPorts));
  for (const workspaceId of [mine, theirs]) await ledger.grantPlanCredits(workspaceId, 50, `grant:${workspaceId}`, 'test', null);
  myDocument = await upload(alice, mine, 'Checkout notes', 'Keep the checkout to three steps and show the total price on every step.');
  // Bob forges Alice's workspace into his body: the document is still his workspace's.
  theirDocument = await upload(
    bob,
    theirs,
    'Aquarium dashboard',
    'The aquarium dashboard charts water temperature and salinity for every coral tank, refreshed hourly.',
    { workspaceId: mine },
  );
}, servicesHookTimeoutMs);

afterAll(async () => {
  for (const collection of await (await runtime.use(chroma).client()).listCollections()) {
    if (collection.name.startsWith(prefix)) await (await runtime.use(chroma).client()).deleteCollection({ name: collection.name });
  }
  await runtime.close();
  await kit.close();
}, 60_000);

const theirQuestion = 'How often does the aquarium dashboard refresh the coral tank salinity?';

describe('knowledge endpoints keep each workspace to its own documents', () => {
  it('should store an upload in the workspace of the path whatever workspaceId the body names', async () => {
    const stored = await kit.db.collection(knowledgeDocumentCollection.name).findOne({ _id: theirDocument as never });
    expect(stored?.workspaceId).toBe(theirs);
    expect(
      outcome(
        await kit.call(uploadDocument, `${base(theirs)}/documents`, alice, {
          method: 'POST',
          body: { title: 'x', format: 'text', content: 'Planted.' },
        }),
      ),
    ).toMatchObject({ status: 404 });
    expect(await kit.db.collection(knowledgeDocumentCollection.name).countDocuments({ workspaceId: theirs })).toBe(1);
  });

  it('should list only the caller’s documents, and 404 on the other workspace’s path', async () => {
    const listed = await kit.call(listDocuments, `${base(mine)}/documents?workspaceId=${theirs}&limit=100`, alice);
    expect({ status: listed.status, ids: idsIn(listed, 'items') }).toEqual({ status: 200, ids: [myDocument] });
    expect((await kit.call(listDocuments, `${base(theirs)}/documents`, alice)).status).toBe(404);
  });

  it('should answer 404 for the other workspace’s document by id, through either path', async () => {
    expect(outcome(await kit.call(getDocument, `${base(mine)}/documents/${theirDocument}`, alice))).toEqual({
      status: 404,
      code: 'DOCUMENT_NOT_FOUND',
    });
    expect((await kit.call(getDocument, `${base(theirs)}/documents/${theirDocument}`, alice)).status).toBe(404);
  });

  it('should refuse to delete the other workspace’s document and leave it searchable for its owner', async () => {
    expect(outcome(await kit.call(deleteDocument, `${base(mine)}/documents/${theirDocument}`, alice, { method: 'DELETE' }))).toEqual({
      status: 404,
      code: 'DOCUMENT_NOT_FOUND',
    });
    expect((await kit.call(deleteDocument, `${base(theirs)}/documents/${theirDocument}`, alice, { method: 'DELETE' })).status).toBe(404);
    const stillThere = await kit.call(search, `${base(theirs)}/search`, bob, {
      method: 'POST',
      body: { question: theirQuestion, scope: 'workspace' },
    });
    expect(idsIn(stillThere, 'results')).toContain(theirDocument);
  });

  it('should never return the other workspace’s chunks from search, whatever the body or filter names', async () => {
    // Vector search always proposes the nearest chunks: the caller's own document comes back, never theirs.
    for (const [body, expected] of [
      [{ question: theirQuestion, scope: 'workspace', workspaceId: theirs }, [myDocument]],
      [{ question: theirQuestion, scope: 'both', k: 20, workspaceId: theirs }, [myDocument]],
      [{ question: theirQuestion, scope: 'workspace', filter: { documentIds: [theirDocument] } }, []],
    ] as const) {
      const reply = await kit.call(search, `${base(mine)}/search`, alice, { method: 'POST', body });
      expect({ status: reply.status, ids: idsIn(reply, 'results') }).toEqual({ status: 200, ids: expected });
    }
    const forgedFilter = await kit.call(search, `${base(mine)}/search`, alice, {
      method: 'POST',
      body: { question: theirQuestion, scope: 'workspace', filter: { workspaceId: theirs } },
    });
    expect(forgedFilter.status).toBe(400);
    expect((await kit.call(search, `${base(theirs)}/search`, alice, { method: 'POST', body: { question: theirQuestion } })).status).toBe(
      404,
    );
  });

  it('should never cite the other workspace’s documents in an answer', async () => {
    for (const body of [
      { question: theirQuestion, scope: 'both', workspaceId: theirs },
      { question: theirQuestion, scope: 'workspace', filter: { documentIds: [theirDocument] } },
    ]) {
      const reply = await kit.call(query, `${base(mine)}/query`, alice, { method: 'POST', body });
      expect(reply.status).toBe(200);
      expect(idsIn(reply, 'citations')).not.toContain(theirDocument);
      expect(JSON.stringify(reply.body)).not.toMatch(/aquarium/i);
    }
    expect((await kit.call(query, `${base(theirs)}/query`, alice, { method: 'POST', body: { question: theirQuestion } })).status).toBe(404);
  });
});
