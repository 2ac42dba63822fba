import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import getConversation from '../../../functions/ai/get-conversation.ts';
import publishJobEventsFunction from '../../../functions/ai/publish-job-events.ts';
import readImage from '../../../functions/ai/read-image.ts';
import requestReview from '../../../functions/ai/request-review.ts';
import sendMessage from '../../../functions/ai/send-message.ts';
import { createAiJobStore } from '../../../shared/infra/mongodb/ai-job-stores.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { insertWelcome, welcomeMessage } from '../../support/ai-flows.ts';
import { startAiJobsKit, type AiJobsKit } from '../../support/ai-jobs-kit.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { scriptedAgents } from '../../support/test-agents.ts';
import { outcome } from '../../support/workspace-kit.ts';

const publishJobEvents = named(publishJobEventsFunction, 'functions/ai/publish-job-events.ts');

let kit: AiJobsKit;
beforeAll(async () => {
  kit = await startAiJobsKit('it_ai_conversation');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const imageForm = (bytes: Uint8Array<ArrayBuffer>, name: string) => {
  const form = new FormData();
  form.set('image', new File([bytes], name, { type: 'image/png' }));
  return form;
};

describe('GET /v1/flows/{flowId}/ai/conversation', () => {
  it('should list the caller’s messages newest first with their jobs and proposals, page by page', async () => {
    const team = await kit.team(50);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const first = await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, {
      method: 'POST',
      body: { message: welcomeMessage, intent: 'ai.plan' },
    });
    await kit.run(
      { jobId: first.body?.jobId as string, workspaceId: team.workspaceId, flowId },
      { agents: scriptedAgents(insertWelcome()).agents },
    );
    await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, {
      method: 'POST',
      body: { message: 'Is it too long?', intent: 'ai.chat' },
    });
    await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.owner, {
      method: 'POST',
      body: { message: 'Not mine to see', intent: 'ai.chat' },
    });

    const page1 = await kit.call(getConversation, `/v1/flows/${flowId}/ai/conversation?limit=1`, team.editor);
    expect(page1.status).toBe(200);
    const [latest] = page1.body?.items as Record<string, unknown>[];
    expect(latest).toMatchObject({
      text: 'Is it too long?',
      kind: 'message',
      job: { operation: 'ai.chat', status: 'queued' },
      proposal: null,
    });
    const page2 = await kit.call(
      getConversation,
      `/v1/flows/${flowId}/ai/conversation?limit=5&cursor=${String(page1.body?.nextCursor)}`,
      team.editor,
    );
    expect(page2.body?.items).toEqual([
      expect.objectContaining({
        text: welcomeMessage,
        job: expect.objectContaining({ status: 'done' }),
        proposal: expect.objectContaining({ state: 'open' }),
      }),
    ]);
    expect(page2.body?.nextCursor).toBeNull();
  });
});

describe('POST /v1/flows/{flowId}/ai/review', () => {
  it('should accept a review with no body at all', async () => {
    const team = await kit.team(20);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const reply = await kit.send(requestReview, `/v1/flows/${flowId}/ai/review`, team.editor, { method: 'POST' });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ operation: 'ai.review', credits: 2 });
  });
});

describe('POST /v1/flows/{flowId}/ai/image', () => {
  it('should answer 422 PROVIDER_REQUIRED for a PNG when no provider reads images, charging nothing', async () => {
    const team = await kit.team(20);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const reply = await kit.send(readImage, `/v1/flows/${flowId}/ai/image`, team.editor, {
      method: 'POST',
      body: imageForm(png, 'sketch.png'),
    });
    expect(outcome(reply)).toEqual({ status: 422, code: 'PROVIDER_REQUIRED' });
    expect(await kit.balance(team.workspaceId)).toBe(20);
  });

  it('should answer 400 UNSUPPORTED_IMAGE_FORMAT when the bytes are not a PNG or JPEG, whatever the name says', async () => {
    const team = await kit.team(20);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const reply = await kit.send(readImage, `/v1/flows/${flowId}/ai/image`, team.editor, {
      method: 'POST',
      body: imageForm(new TextEncoder().encode('GIF89a not really'), 'sketch.png'),
    });
    expect(outcome(reply)).toEqual({ status: 400, code: 'UNSUPPORTED_IMAGE_FORMAT' });
  });

  it('should answer 413 when the image is larger than 5 MB', async () => {
    const team = await kit.team(20);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(png);
    const reply = await kit.send(readImage, `/v1/flows/${flowId}/ai/image`, team.editor, {
      method: 'POST',
      body: imageForm(big, 'big.png'),
    });
    expect(reply.status).toBe(413);
  });

  it('should answer 404 FLOW_NOT_FOUND to a stranger', async () => {
    const team = await kit.team(20);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const reply = await kit.send(readImage, `/v1/flows/${flowId}/ai/image`, team.stranger, {
      method: 'POST',
      body: imageForm(png, 'sketch.png'),
    });
    expect(outcome(reply)).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
  });
});

describe('the jobs outbox (ai-publish-job-events)', () => {
  it('should publish the event of a job its request could not publish, once', async () => {
    const team = await kit.team(20);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const traceId = randomBytes(16).toString('hex');
    const reply = await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, {
      method: 'POST',
      body: { message: 'Is it long?', intent: 'ai.chat' },
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    const jobId = reply.body?.jobId as string;
    // As if the broker had been down: unpublished, and older than the grace period.
    await kit.db
      .collection('ai_jobs')
      .updateOne({ _id: jobId as never }, { $set: { publishedAt: null, createdAt: new Date(Date.now() - 60_000) } });
    const before = kit.events.filter((event) => event.data.jobId === jobId).length;
    await fireCron(publishJobEvents, kit.env);
    await fireCron(publishJobEvents, kit.env);
    const published = kit.events.filter((event) => event.data.jobId === jobId);
    expect(published).toHaveLength(before + 1);
    expect(published.at(-1)?.id).toBe(published[0]?.id);
    // The request's publication and the outbox's late one carry the same (the request's) trace.
    for (const event of published) expect(event.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(await createAiJobStore(kit.db).find(jobId)).not.toHaveProperty('traceparent');
  });
});
