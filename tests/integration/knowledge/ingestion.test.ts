import { describe, expect, it } from 'vitest';
import {
  createDocumentService,
  createIngestionService,
  createQueryService,
  createRetrievalService,
  createUploadService,
  extractiveWriter,
} from '../../../shared/knowledge/index.ts';
import { createAiEmbedder } from '../../../shared/infra/knowledge/ai-embedder.ts';
import { problemOf } from '../../support/ledger-kit.ts';
import { useKnowledgeKit, type KnowledgeKit } from '../../support/knowledge-kit.ts';

let kit: KnowledgeKit;
useKnowledgeKit('knowledge_ingest', (started) => (kit = started));

const who = { userId: 'usr_test00000000000000000', actor: 'usr_test00000000000000000' };
const guide = `# Onboarding checklist

## Progress you can see

Show a short checklist of three to five setup steps with a progress bar, so that new members know how far they are.

## Celebrate the finish

When the last step is done, congratulate the member and point to the next useful feature.`;

const upload = (workspaceId: string, content = guide, title = 'Onboarding guide') =>
  createUploadService({ ...kit.ports, extractor: kit.extractor, events: kit.events }).upload(who, workspaceId, {
    title,
    format: 'markdown',
    content,
    source: null,
  });

const commitsOf = async (workspaceId: string) => kit.db.collection('credit_ledger').countDocuments({ workspaceId, type: 'commit' });

describe('knowledge ingestion on the real services', () => {
  it('should make an upload searchable, charge its credits once and cite it when asked', async () => {
    const workspaceId = await kit.workspace(20);
    const document = await upload(workspaceId);
    expect(document.status).toBe('processing');
    expect(kit.published.map((event) => event.documentId)).toContain(document.id);
    expect(await kit.balance(workspaceId)).toBe(19);

    expect(await createIngestionService(kit.ports).ingest(workspaceId, document.id)).toBe('ready');
    expect(await createIngestionService(kit.ports).ingest(workspaceId, document.id)).toBe('skipped');

    const stored = await createDocumentService(kit.ports).get(workspaceId, document.id);
    expect({ status: stored.status, chunkCount: stored.chunkCount, model: stored.embeddingModel }).toEqual({
      status: 'ready',
      chunkCount: 2,
      model: kit.ports.embedder.model,
    });
    expect({ balance: await kit.balance(workspaceId), commits: await commitsOf(workspaceId) }).toEqual({ balance: 19, commits: 1 });

    const { hits } = await createRetrievalService(kit.ports).search({
      workspaceId,
      question: 'How do I show setup progress?',
      scope: 'workspace',
      k: 3,
    });
    expect(hits[0]?.chunk.documentId).toBe(document.id);
    expect(hits[0]?.chunk.headingPath).toEqual(['Onboarding guide', 'Onboarding checklist', 'Progress you can see']);

    const answer = await createQueryService(kit.ports, extractiveWriter).query(
      { workspaceId, question: 'How should the checklist show progress?', scope: 'workspace', k: 3 },
      { actor: who.actor, idempotencyKey: 'query-1' },
    );
    expect(answer.answerMode).toBe('extractive');
    expect(answer.answer).toMatch(/\[1\]/);
    expect(answer.citations[0]?.hit.chunk.documentId).toBe(document.id);
    expect(await kit.balance(workspaceId)).toBe(17);
  });

  it('should charge once when the same upload event is handled twice at once', async () => {
    const workspaceId = await kit.workspace(20);
    const document = await upload(workspaceId, `${guide}\n\nA second copy for the race.`);
    const outcomes = await Promise.all([
      createIngestionService(kit.ports).ingest(workspaceId, document.id),
      createIngestionService(kit.ports).ingest(workspaceId, document.id),
    ]);
    expect(outcomes).toContain('ready');
    expect({ balance: await kit.balance(workspaceId), commits: await commitsOf(workspaceId) }).toEqual({ balance: 19, commits: 1 });
  });

  it('should charge nothing and mark the document failed when its ingestion fails for good', async () => {
    const workspaceId = await kit.workspace(20);
    // The workspace collection already holds vectors of another model: the ingestion must refuse.
    await kit.ports.vectors.prepare({ kind: 'workspace', workspaceId }, { model: 'another-model', dimension: 3 });
    const document = await upload(workspaceId);
    expect(await createIngestionService(kit.ports).ingest(workspaceId, document.id)).toBe('failed');
    const stored = await createDocumentService(kit.ports).get(workspaceId, document.id);
    expect({ status: stored.status, code: stored.failure?.code }).toEqual({ status: 'failed', code: 'EMBEDDING_MODEL_MISMATCH' });
    expect({ balance: await kit.balance(workspaceId), commits: await commitsOf(workspaceId) }).toEqual({ balance: 20, commits: 0 });
  });

  it('should keep the upload processing and charge nothing while the embedder is down, then ingest it', async () => {
    const workspaceId = await kit.workspace(20);
    const document = await upload(workspaceId, `${guide}\n\nWritten while the embedder was down.`);
    // The real adapter pointed at a port where nothing listens.
    const down = createAiEmbedder(
      {
        EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9/v1',
        EMBEDDINGS_API_KEY: 'none',
        EMBEDDINGS_MODEL: kit.ports.embedder.model,
        EMBEDDINGS_BATCH_SIZE: 16,
      },
      kit.db,
    );
    const problem = await problemOf(createIngestionService({ ...kit.ports, embedder: down }).ingest(workspaceId, document.id));
    expect({ status: problem?.status, code: problem?.code }).toEqual({ status: 503, code: 'KNOWLEDGE_UNAVAILABLE' });
    expect((await createDocumentService(kit.ports).get(workspaceId, document.id)).status).toBe('processing');
    expect(await commitsOf(workspaceId)).toBe(0);

    expect(await createIngestionService(kit.ports).ingest(workspaceId, document.id)).toBe('ready');
    expect(await kit.balance(workspaceId)).toBe(19);
  });

  it('should remove the chunks from Chroma before a delete returns and give the allowance back', async () => {
    const workspaceId = await kit.workspace(20);
    const document = await upload(workspaceId);
    await createIngestionService(kit.ports).ingest(workspaceId, document.id);
    await createDocumentService(kit.ports).remove(workspaceId, document.id, who.actor);
    const { chunks } = await kit.ports.vectors.all({ kind: 'workspace', workspaceId });
    expect(chunks.filter((chunk) => chunk.documentId === document.id)).toEqual([]);
    expect((await problemOf(createDocumentService(kit.ports).get(workspaceId, document.id)))?.status).toBe(404);
    expect((await kit.ports.usage.latest(workspaceId))?.totalDocuments).toBe(0);
  });

  it('should never show one workspace the documents of another', async () => {
    const owner = await kit.workspace(20);
    const other = await kit.workspace(20);
    const document = await upload(owner, `${guide}\n\nOnly the owner workspace may read this sentence about zebra onboarding.`);
    await createIngestionService(kit.ports).ingest(owner, document.id);
    const search = createRetrievalService(kit.ports);
    const found = await search.search({
      workspaceId: other,
      question: 'zebra onboarding checklist progress',
      scope: 'both',
      k: 10,
      filter: { documentIds: [document.id] },
    });
    expect(found.hits).toEqual([]);
    expect((await problemOf(createDocumentService(kit.ports).get(other, document.id)))?.status).toBe(404);
    expect((await problemOf(createDocumentService(kit.ports).remove(other, document.id, who.actor)))?.status).toBe(404);
    expect(await createIngestionService(kit.ports).ingest(other, document.id)).toBe('deleted');
  });

  it('should refuse a document beyond the plan characters with 402 and leave nothing behind', async () => {
    const workspaceId = await kit.workspace(200);
    const problem = await problemOf(upload(workspaceId, 'Long text. '.repeat(50_000)));
    expect({ status: problem?.status, code: problem?.code }).toEqual({ status: 402, code: 'CHARACTER_LIMIT_REACHED' });
    expect(await kit.db.collection('knowledge_documents').countDocuments({ workspaceId })).toBe(0);
    expect(await kit.balance(workspaceId)).toBe(200);
  });

  it('should refuse an upload with 402 when the credits do not cover it and keep no document', async () => {
    const workspaceId = await kit.workspace(0);
    const problem = await problemOf(upload(workspaceId));
    expect({ status: problem?.status, code: problem?.code }).toEqual({ status: 402, code: 'INSUFFICIENT_CREDITS' });
    expect(await kit.db.collection('knowledge_documents').countDocuments({ workspaceId })).toBe(0);
    expect((await kit.ports.usage.latest(workspaceId))?.totalDocuments ?? 0).toBe(0);
  });
});
