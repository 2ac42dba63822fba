import { createLedger } from '../../../shared/billing/index.ts';
import { createAiJobLog } from '../../../shared/infra/mongodb/ai-job-stores.ts';
import { createAiProposalSlots, createAiProposalStore } from '../../../shared/infra/mongodb/ai-proposal-stores.ts';
import { testContentSealer } from '../../support/content-sealer.ts';
import { createLedgerEntryStore } from '../../../shared/infra/mongodb/ledger-entry-store.ts';
import { createLedgerIntentStore } from '../../../shared/infra/mongodb/ledger-intent-store.ts';
import { membershipCollection, membershipId } from '../../../shared/infra/mongodb/membership-store.ts';
import { createOneAtATime, newId } from '../../../shared/kernel/index.ts';
import { insertWelcome } from '../../support/ai-flows.ts';
import type { ExampleContext, ExampleRequest } from './examples.ts';
import { insertWorkspace, type Caller } from './matrix-fixture.ts';

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

/** Credits for a workspace, so that AI requests can reserve theirs. */
const grant = async ({ db }: ExampleContext, workspaceId: string) => {
  const ledger = createLedger({
    entries: createLedgerEntryStore(db),
    intents: createLedgerIntentStore(db),
    clock: { now: () => new Date() },
    newId,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    oneAtATime: createOneAtATime(),
  });
  await ledger.grantPlanCredits(workspaceId, 100, `matrix-ai:${newId('grant')}`, 'test', null);
};

/** A blank flow in `workspaceId` created by `by`; its id. */
const flowIn = async (ctx: ExampleContext, workspaceId: string, by: Caller): Promise<string> => {
  const created = await ctx.as(by, 'flows-create', {
    method: 'POST',
    path: `/v1/workspaces/${workspaceId}/flows`,
    body: { name: 'Matrix AI flow' },
  });
  const id = (created.body as { id?: string } | null)?.id;
  if (!id) throw new Error(`creating the matrix AI flow answered ${created.status}`);
  return id;
};

/** A flow of the matrix workspace with credits; its id. */
const matrixFlow = async (ctx: ExampleContext) => {
  await grant(ctx, ctx.workspaceId);
  return flowIn(ctx, ctx.workspaceId, 'owner');
};

/** A workspace of the caller's own (they own it), with credits: every caller can follow a job of their own. */
const ownWorkspace = async (ctx: ExampleContext, caller: Caller) => {
  const workspaceId = await insertWorkspace(ctx.db, ctx.users[caller].userId, `AI matrix ${caller}`);
  await ctx.db.collection(membershipCollection.name).insertOne({
    _id: membershipId(workspaceId, ctx.users[caller].userId) as never,
    schemaVersion: 1,
    workspaceId,
    userId: ctx.users[caller].userId,
    role: 'owner',
    joinedAt: new Date(),
  });
  await grant(ctx, workspaceId);
  return workspaceId;
};

/** An open proposal of the caller on a blank matrix flow (stored as the runner stores one); its path. */
const proposalOf = async (ctx: ExampleContext, caller: Caller) => {
  const flowId = await matrixFlow(ctx);
  const id = newId('prp');
  const now = new Date();
  const userId = ctx.users[caller].userId;
  await createAiProposalStore(ctx.db, testContentSealer(ctx.db)).insert({
    id,
    jobId: newId('job'),
    workspaceId: ctx.workspaceId,
    flowId,
    userId,
    messageId: newId('msg'),
    baseVersion: 1,
    steps: ['Add a welcome screen'],
    operations: insertWelcome().map((operation, index) => ({ id: `op${index + 1}`, operation, rationale: 'matrix' })),
    warnings: [],
    lint: [],
    model: 'matrix',
    promptId: 'matrix@1',
    revises: null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 15 * 60_000),
  });
  await createAiProposalSlots(ctx.db).insert({ flowId, userId, seq: 1, proposalId: id, at: now });
  return `/v1/flows/${flowId}/ai/proposals/${id}`;
};

/** A job of the caller's: in the matrix workspace when their role has ai:use, else in a workspace of their own; its id. */
const jobOf = async (ctx: ExampleContext, caller: Caller): Promise<string> => {
  const mayUseAi = caller === 'owner' || caller === 'admin' || caller === 'editor';
  const workspaceId = mayUseAi ? ctx.workspaceId : await ownWorkspace(ctx, caller);
  if (mayUseAi) await grant(ctx, workspaceId);
  const flowId = await flowIn(ctx, workspaceId, caller);
  const sent = await ctx.as(caller, 'ai-send-message', {
    method: 'POST',
    path: `/v1/flows/${flowId}/ai/messages`,
    body: { message: 'Is this flow too long?', intent: 'ai.chat' },
  });
  const jobId = (sent.body as { jobId?: string } | null)?.jobId;
  if (!jobId) throw new Error(`sending the matrix message answered ${sent.status}`);
  return jobId;
};

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/**
 * Valid requests for the AI functions (see examples.ts). Flow routes name a flow of the matrix
 * workspace (`ai:use` decides: viewers 403, the stranger 404); a job is followed by whoever asked
 * for it, so each caller gets one in a workspace of their own.
 */
export const aiExamples: Record<string, Example> = {
  'ai-send-message': async (ctx) => ({
    method: 'POST',
    path: `/v1/flows/${await matrixFlow(ctx)}/ai/messages`,
    body: { message: 'Is this flow too long?', intent: 'ai.chat' },
  }),
  'ai-generate-flow': async (ctx) => {
    await grant(ctx, ctx.workspaceId);
    return {
      method: 'POST',
      path: `/v1/workspaces/${ctx.workspaceId}/ai/flows`,
      body: { description: 'A sign-up with e-mail verification' },
    };
  },
  'ai-request-review': async (ctx) => ({ method: 'POST', path: `/v1/flows/${await matrixFlow(ctx)}/ai/review`, body: {} }),
  'ai-read-image': async (ctx) => {
    const form = new FormData();
    form.set('image', new File([png], 'sketch.png', { type: 'image/png' }));
    return { method: 'POST', path: `/v1/flows/${await matrixFlow(ctx)}/ai/image`, form, permitted: 422 };
  },
  'ai-get-conversation': async (ctx) => ({ method: 'GET', path: `/v1/flows/${await matrixFlow(ctx)}/ai/conversation` }),
  'ai-get-job': async (ctx, caller) => ({ method: 'GET', path: `/v1/ai/jobs/${await jobOf(ctx, caller)}` }),
  // The job ends at once (as a failed one), so the stream ends too.
  'ai-stream-job': async (ctx, caller) => {
    const jobId = await jobOf(ctx, caller);
    const log = createAiJobLog(ctx.db, testContentSealer(ctx.db));
    await log.append({ jobId, seq: 0, at: new Date(), kind: 'claimed' });
    await log.append({ jobId, seq: 1, at: new Date(), kind: 'failed', error: { code: 'AI_UNAVAILABLE', message: 'matrix' }, usage: [] });
    return { method: 'GET', path: `/v1/ai/jobs/${jobId}/events` };
  },
  'ai-get-proposal': async (ctx, caller) => ({ method: 'GET', path: await proposalOf(ctx, caller) }),
  'ai-apply-proposal': async (ctx, caller) => ({
    method: 'POST',
    path: `${await proposalOf(ctx, caller)}/apply`,
    headers: { 'if-match': '"v1"' },
    body: {},
  }),
  'ai-refine-proposal': async (ctx, caller) => ({
    method: 'POST',
    path: `${await proposalOf(ctx, caller)}/refine`,
    body: { feedback: 'Call the screen Hello' },
  }),
  'ai-discard-proposal': async (ctx, caller) => ({ method: 'DELETE', path: await proposalOf(ctx, caller) }),
};
