import { ensureServices } from '../../../scripts/services/index.ts';
import { createLedger } from '../../../shared/billing/index.ts';
import { createLedgerEntryStore } from '../../../shared/infra/mongodb/ledger-entry-store.ts';
import { createLedgerIntentStore } from '../../../shared/infra/mongodb/ledger-intent-store.ts';
import { createOneAtATime, newId } from '../../../shared/kernel/index.ts';
import type { ExampleContext, ExampleRequest } from './examples.ts';
import type { Caller } from './matrix-fixture.ts';

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

/** Search, query and delete reach Chroma and the embedder (the matrix starts only MongoDB, mail and Upstash). */
const withVectors =
  (example: Example): Example =>
  async (ctx, caller) => {
    await ensureServices({ only: ['chroma', 'embeddings'] });
    return example(ctx, caller);
  };

/** Credits for the matrix workspace, so that an upload can reserve its ingestion. */
const withCredits = async ({ db, workspaceId }: ExampleContext) => {
  const ledger = createLedger({
    entries: createLedgerEntryStore(db),
    intents: createLedgerIntentStore(db),
    clock: { now: () => new Date() },
    newId,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    oneAtATime: createOneAtATime(),
  });
  await ledger.grantPlanCredits(workspaceId, 100, `matrix-knowledge:${newId('grant')}`, 'test', null);
};

const documents = (workspaceId: string) => `/v1/workspaces/${workspaceId}/knowledge/documents`;
const uploadBody = { title: 'Matrix notes', format: 'text', content: 'Short notes about the matrix workspace onboarding.' };

/** A document of the matrix workspace, uploaded by its owner; its id. */
const documentOf = async (ctx: ExampleContext): Promise<string> => {
  await withCredits(ctx);
  const uploaded = await ctx.as('owner', 'knowledge-upload-document', {
    method: 'POST',
    path: documents(ctx.workspaceId),
    body: uploadBody,
  });
  const id = (uploaded.body as { id?: string } | null)?.id;
  if (!id) throw new Error(`uploading the matrix document answered ${uploaded.status}`);
  return id;
};

/** Valid requests for the knowledge functions (see examples.ts). */
export const knowledgeExamples: Record<string, Example> = {
  'knowledge-upload-document': async (ctx) => {
    await withCredits(ctx);
    return { method: 'POST', path: documents(ctx.workspaceId), body: uploadBody };
  },
  'knowledge-list-documents': (ctx) => ({ method: 'GET', path: documents(ctx.workspaceId) }),
  'knowledge-get-document': async (ctx) => ({ method: 'GET', path: `${documents(ctx.workspaceId)}/${await documentOf(ctx)}` }),
  'knowledge-delete-document': withVectors(async (ctx) => ({
    method: 'DELETE',
    path: `${documents(ctx.workspaceId)}/${await documentOf(ctx)}`,
  })),
  'knowledge-search': withVectors((ctx) => ({
    method: 'POST',
    path: `/v1/workspaces/${ctx.workspaceId}/knowledge/search`,
    body: { question: 'How should onboarding work?', scope: 'workspace' },
  })),
  'knowledge-query': withVectors((ctx) => ({
    method: 'POST',
    path: `/v1/workspaces/${ctx.workspaceId}/knowledge/query`,
    body: { question: 'How should onboarding work?', scope: 'workspace' },
  })),
};
