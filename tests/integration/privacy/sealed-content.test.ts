import type { RouteConfig } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import getConversation from '../../../functions/ai/get-conversation.ts';
import sendMessage from '../../../functions/ai/send-message.ts';
import dropDeletedCollectionsFunction from '../../../functions/knowledge/drop-deleted-collections.ts';
import search from '../../../functions/knowledge/search.ts';
import uploadDocument from '../../../functions/knowledge/upload-document.ts';
import { sealExistingContent } from '../../../scripts/privacy/seal-existing-content.ts';
import { chroma } from '../../../shared/infra/chroma/chroma-client.ts';
import { dataKeyCollection } from '../../../shared/infra/crypto/data-keys.ts';
import { isSealedValue } from '../../../shared/infra/crypto/envelope.ts';
import { knowledgePorts } from '../../../shared/infra/knowledge/knowledge-resource.ts';
import { workspaceTombstoneCollection } from '../../../shared/infra/mongodb/membership-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { createIngestionService } from '../../../shared/knowledge/index.ts';
import { named, type HttpFunctionDefinition } from '../../../shared/platform/definition/index.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';
import { insertWelcome } from '../../support/ai-flows.ts';
import { startAiJobsKit, type AiJobsKit } from '../../support/ai-jobs-kit.ts';
import { testContentSealer, testFieldSealer } from '../../support/content-sealer.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { scriptedAgents } from '../../support/test-agents.ts';
import type { TestUser } from '../../support/workspace-kit.ts';

const dropDeletedCollections = named(dropDeletedCollectionsFunction, 'functions/knowledge/drop-deleted-collections.ts');

let kit: AiJobsKit;
beforeAll(async () => {
  // No key cache: a destroyed key must show on the next read, as on a fresh instance.
  kit = await startAiJobsKit('it_privacy_sealed_content', { DATA_KEY_CACHE_SECONDS: '0' });
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const post = <R extends RouteConfig>(definition: HttpFunctionDefinition<R>, path: string, as: TestUser, body: unknown) =>
  kit.call(definition, path, as, { method: 'POST', body });
const raw = (collection: string, filter: Record<string, unknown>) => kit.db.collection(collection).find(filter).toArray();
const conversation = async (flowId: string, as: TestUser) =>
  (await kit.call(getConversation, `/v1/flows/${flowId}/ai/conversation`, as)) as {
    status: number;
    body: { items: { id: string; text: string | null; textUnavailable: boolean }[] } | null;
  };
const ingest = async (workspaceId: string, documentId: string) => {
  const runtime = createRuntime({ name: 'sealed-content-it', uses: [knowledgePorts] }, kit.env);
  try {
    return await createIngestionService(runtime.use(knowledgePorts)).ingest(workspaceId, documentId);
  } finally {
    await runtime.close();
  }
};
const chunkDocuments = async (workspaceId: string) => {
  const runtime = createRuntime({ name: 'sealed-content-chroma', uses: [chroma] }, kit.env);
  try {
    const client = await runtime.use(chroma).client();
    const collection = await client.getCollection({
      name: `${(kit.env as Record<string, string>).KNOWLEDGE_COLLECTION_PREFIX}-ws-${workspaceId}`,
    });
    return (await collection.get({ include: ['documents', 'metadatas'] as never })).documents.join('\n');
  } finally {
    await runtime.close();
  }
};

describe('sealed AI and knowledge content', () => {
  it('should keep a message, its job steps and its proposal only sealed, and answer them in clear', async () => {
    const team = await kit.team(50);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const marker = `zebra-${newId('m').slice(2, 10)}`;
    const sent = await post(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, {
      message: `Please add a welcome screen for ${marker}`,
      intent: 'ai.plan',
    });
    expect(sent.status).toBe(202);
    const jobId = sent.body?.jobId as string;
    await kit.run({ jobId, workspaceId: team.workspaceId, flowId }, { agents: scriptedAgents(insertWelcome(marker)).agents });

    const [message] = await raw('ai_messages', { jobId });
    expect(isSealedValue(message?.text)).toBe(true);
    const stored = JSON.stringify([
      await raw('ai_messages', { jobId }),
      await raw('ai_job_steps', { jobId }),
      await raw('ai_proposals', { jobId }),
    ]);
    expect(stored).not.toContain(marker);
    const [proposal] = await raw('ai_proposals', { jobId });
    expect([isSealedValue(proposal?.steps), isSealedValue(proposal?.operations)]).toEqual([true, true]);

    const listed = await conversation(flowId, team.editor);
    expect(listed.status).toBe(200);
    expect(listed.body?.items[0]).toMatchObject({ text: `Please add a welcome screen for ${marker}`, textUnavailable: false });
  });

  it('should answer a message as unavailable, not fail, once its author’s key is destroyed', async () => {
    const team = await kit.team(50);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    expect(
      (await post(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, { message: 'Add a login screen', intent: 'ai.plan' }))
        .status,
    ).toBe(202);
    await testFieldSealer(kit.db).shred(team.editor.id);
    const listed = await conversation(flowId, team.editor);
    expect(listed.status).toBe(200);
    expect(listed.body?.items[0]).toMatchObject({ text: null, textUnavailable: true });
  });

  it('should keep a knowledge document sealed in MongoDB and in Chroma, and still find it', async () => {
    const team = await kit.team(50);
    const marker = `quokka${newId('m').slice(2, 8).toLowerCase()}`;
    const uploaded = await post(uploadDocument, `/v1/workspaces/${team.workspaceId}/knowledge/documents`, team.editor, {
      title: 'Onboarding notes',
      format: 'text',
      content: `Our checkout asks for the ${marker} voucher before payment.`,
    });
    expect(uploaded.status).toBe(202);
    expect(await ingest(team.workspaceId, uploaded.body?.id as string)).toBe('ready');

    expect(JSON.stringify(await raw('knowledge_document_contents', { workspaceId: team.workspaceId }))).not.toContain(marker);
    const chunks = await chunkDocuments(team.workspaceId);
    expect(chunks).toContain('uxf-sealed:');
    expect(chunks).not.toContain(marker);

    const found = await post(search, `/v1/workspaces/${team.workspaceId}/knowledge/search`, team.editor, {
      question: `${marker} voucher`,
      scope: 'workspace',
    });
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).toContain(marker);
    // The workspace's key, not the uploader's: another member reads it, and the key lives with the workspace.
    expect(await dataKeyCollection.in(kit.db).findOne({ _id: team.workspaceId })).toMatchObject({ destroyedAt: null });
  });

  it('should seal plain records written before sealing, and seal nothing on a second run', async () => {
    const team = await kit.team(50);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const marker = `okapi-${newId('m').slice(2, 10)}`;
    const jobId = newId('job');
    const messageId = newId('msg');
    const at = new Date();
    const common = { workspaceId: team.workspaceId, flowId, userId: team.editor.id, schemaVersion: 1 };
    await kit.db.collection('ai_messages').insertOne({
      _id: messageId as never,
      ...common,
      actor: team.editor.id,
      kind: 'message',
      text: `Plain ${marker}`,
      focusNodeIds: [],
      jobId,
      createdAt: at,
    });
    await kit.db
      .collection('ai_jobs')
      .insertOne({ _id: jobId as never, ...common, operation: 'ai.plan', messageId, createdAt: at, publishedAt: at });
    await kit.db
      .collection('ai_job_steps')
      .insertOne({ _id: `${jobId}:1` as never, jobId, seq: 1, at, kind: 'step', step: 'planning', detail: { steps: [marker] } });
    await kit.db
      .collection('ai_proposals')
      .insertOne({ _id: newId('prp') as never, ...common, jobId, messageId, steps: [marker], operations: [] });
    await kit.db.collection('knowledge_document_contents').insertOne({
      _id: newId('doc') as never,
      workspaceId: team.workspaceId,
      blocks: [{ kind: 'paragraph', text: marker }],
      schemaVersion: 1,
    });

    const first = await sealExistingContent(kit.db, testContentSealer(kit.db));
    for (const store of ['ai_messages', 'ai_job_steps', 'ai_proposals', 'knowledge_document_contents']) {
      expect(first[store]?.sealed).toBeGreaterThanOrEqual(1);
    }
    const everything = await Promise.all(
      ['ai_messages', 'ai_job_steps', 'ai_proposals', 'knowledge_document_contents'].map((c) => raw(c, {})),
    );
    expect(JSON.stringify(everything)).not.toContain(marker);
    const second = await sealExistingContent(kit.db, testContentSealer(kit.db));
    expect(Object.values(second).reduce((sum, r) => sum + r.sealed, 0)).toBe(0);
    // Read back through the stores the functions use, as before the migration.
    expect((await kit.ports.messages.find(messageId))?.text).toBe(`Plain ${marker}`);
    expect((await kit.ports.log.after(jobId, 0))[0]).toMatchObject({ kind: 'step', detail: { steps: [marker] } });
  });

  it('should destroy a deleted workspace’s key with the collection sweep, and only its', async () => {
    const kept = await kit.team(0);
    const gone = await kit.team(0);
    const seal = testContentSealer(kit.db);
    for (const workspaceId of [kept.workspaceId, gone.workspaceId])
      await seal.text(workspaceId, 'knowledge_document_contents', 'blocks', 'doc_x', 'x');
    await workspaceTombstoneCollection
      .in<{ _id: string; deletedAt: Date }>(kit.db)
      .insertOne({ _id: gone.workspaceId, deletedAt: new Date() });
    await fireCron(dropDeletedCollections, kit.env);
    const keys = dataKeyCollection.in(kit.db);
    expect(await keys.findOne({ _id: gone.workspaceId })).toMatchObject({ wrapped: null, destroyedAt: expect.any(Date) });
    expect(await keys.findOne({ _id: kept.workspaceId })).toMatchObject({ wrapped: expect.any(String), destroyedAt: null });
  });
});
