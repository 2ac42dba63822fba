import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import generateFlow from '../../../functions/ai/generate-flow.ts';
import requestReview from '../../../functions/ai/request-review.ts';
import sendMessage from '../../../functions/ai/send-message.ts';
import type { AiPorts } from '../../../shared/ai/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome } from '../../support/workspace-kit.ts';
import { startAiJobsKit, type AiJobsKit } from '../../support/ai-jobs-kit.ts';

let kit: AiJobsKit;
beforeAll(async () => {
  kit = await startAiJobsKit('it_ai_idempotency');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const messages = (flowId: string) => `/v1/flows/${flowId}/ai/messages`;
const count = (collection: string, filter: Record<string, unknown>) => kit.db.collection(collection).countDocuments(filter);
const keyed = (key: string) => ({ 'idempotency-key': key });
const change = { message: 'Add a 2FA step after login', intent: 'ai.plan' };

describe('Idempotency-Key on POST /v1/flows/{flowId}/ai/messages', () => {
  it('should answer a retry with the first 202 (same job and Location), charged once and published once', async () => {
    const { workspaceId, editor } = await kit.team(20);
    const flowId = await kit.newFlow(workspaceId, editor);
    const key = crypto.randomUUID();
    const first = await kit.call(sendMessage, messages(flowId), editor, { method: 'POST', body: change, headers: keyed(key) });
    const again = await kit.call(sendMessage, messages(flowId), editor, { method: 'POST', body: change, headers: keyed(key) });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await kit.balance(workspaceId)).toBe(17);
    expect(await count('ai_jobs', { workspaceId })).toBe(1);
    expect(await count('ai_messages', { workspaceId })).toBe(1);
    expect(kit.events.filter((event) => event.data.jobId === first.body?.jobId)).toHaveLength(1);
  });

  it('should make one job of 10 concurrent requests with the same key, charged once', async () => {
    const { workspaceId, editor } = await kit.team(20);
    const flowId = await kit.newFlow(workspaceId, editor);
    const key = crypto.randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        kit.call(sendMessage, messages(flowId), editor, { method: 'POST', body: change, headers: keyed(key) }),
      ),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array.from({ length: 10 }, () => 202));
    expect(new Set(replies.map((reply) => reply.body?.jobId)).size).toBe(1);
    expect(await count('ai_jobs', { workspaceId })).toBe(1);
    expect(await count('ai_messages', { workspaceId })).toBe(1);
    expect(await kit.balance(workspaceId)).toBe(17);
  });

  it('should answer 409 IDEMPOTENCY_KEY_REUSED when the key comes with another body, another flow or at once with another body', async () => {
    const { workspaceId, editor } = await kit.team(20);
    const flowId = await kit.newFlow(workspaceId, editor);
    const otherFlowId = await kit.newFlow(workspaceId, editor);
    const key = crypto.randomUUID();
    await kit.call(sendMessage, messages(flowId), editor, { method: 'POST', body: change, headers: keyed(key) });
    const otherBody = await kit.call(sendMessage, messages(flowId), editor, {
      method: 'POST',
      body: { ...change, message: 'Remove the login screen' },
      headers: keyed(key),
    });
    const otherFlow = await kit.call(sendMessage, messages(otherFlowId), editor, { method: 'POST', body: change, headers: keyed(key) });
    expect(outcome(otherBody)).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(outcome(otherFlow)).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    // Racing: one body wins the job, the other is refused, and the loser leaves no message behind.
    const raceKey = crypto.randomUUID();
    const race = await Promise.all(
      ['Add a help screen', 'Add a promo screen'].map((message) =>
        kit.call(sendMessage, messages(flowId), editor, { method: 'POST', body: { ...change, message }, headers: keyed(raceKey) }),
      ),
    );
    expect(race.map((reply) => reply.status).sort()).toEqual([202, 409]);
    expect(await count('ai_jobs', { workspaceId })).toBe(2);
    expect(await count('ai_messages', { workspaceId })).toBe(2);
    expect(await kit.balance(workspaceId)).toBe(14);
  });

  it('should keep one key per caller: the same key from two users makes two jobs', async () => {
    const { workspaceId, owner, editor } = await kit.team(20);
    const flowId = await kit.newFlow(workspaceId, editor);
    const key = crypto.randomUUID();
    const mine = await kit.call(sendMessage, messages(flowId), editor, { method: 'POST', body: change, headers: keyed(key) });
    const theirs = await kit.call(sendMessage, messages(flowId), owner, { method: 'POST', body: change, headers: keyed(key) });
    expect([mine.status, theirs.status]).toEqual([202, 202]);
    expect(mine.body?.jobId).not.toBe(theirs.body?.jobId);
  });

  it('should make a job per request without a key, as before', async () => {
    const { workspaceId, editor } = await kit.team(20);
    const flowId = await kit.newFlow(workspaceId, editor);
    const first = await kit.call(sendMessage, messages(flowId), editor, { method: 'POST', body: change });
    const second = await kit.call(sendMessage, messages(flowId), editor, { method: 'POST', body: change });
    expect(first.body?.jobId).not.toBe(second.body?.jobId);
    expect(await kit.balance(workspaceId)).toBe(14);
  });

  it.each([['x'.repeat(256)], ['has space'], ['naïve'], ['']])('should answer 400 VALIDATION_FAILED for the key %j', async (key) => {
    const { workspaceId, editor } = await kit.team(20);
    const flowId = await kit.newFlow(workspaceId, editor);
    const reply = await kit.call(sendMessage, messages(flowId), editor, { method: 'POST', body: change, headers: keyed(key) });
    expect(outcome(reply)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await count('ai_jobs', { workspaceId })).toBe(0);
  });
});

describe('Idempotency-Key on POST /v1/workspaces/{workspaceId}/ai/flows', () => {
  const flows = (workspaceId: string) => `/v1/workspaces/${workspaceId}/ai/flows`;
  const journey = { description: 'Sign-up followed by onboarding' };

  it('should make one flow and one job of 10 concurrent requests with one key, and answer a retry with them', async () => {
    const { workspaceId, editor } = await kit.team(40);
    const key = crypto.randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        kit.call(generateFlow, flows(workspaceId), editor, { method: 'POST', body: journey, headers: keyed(key) }),
      ),
    );
    const retried = await kit.call(generateFlow, flows(workspaceId), editor, { method: 'POST', body: journey, headers: keyed(key) });
    expect(retried.status).toBe(202);
    for (const reply of replies) expect(reply.body).toEqual(retried.body);
    expect(await count('flows', { workspaceId })).toBe(1);
    expect(await count('ai_jobs', { workspaceId })).toBe(1);
    expect(await kit.balance(workspaceId)).toBe(30);
  });

  it('should finish with the same flow when the first attempt crashed between the flow and the job', async () => {
    const { workspaceId, editor } = await kit.team(40);
    const key = crypto.randomUUID();
    const crashOnce = (ports: AiPorts): AiPorts => ({
      ...ports,
      jobs: {
        ...ports.jobs,
        insert: () => Promise.reject(new Error('the function died before storing its job')),
      },
    });
    const crashed = await kit.callWith(generateFlow, { ports: crashOnce }, flows(workspaceId), editor, {
      method: 'POST',
      body: journey,
      headers: keyed(key),
    });
    expect(crashed.status).toBe(500);
    expect(await count('flows', { workspaceId })).toBe(1);
    const retried = await kit.call(generateFlow, flows(workspaceId), editor, { method: 'POST', body: journey, headers: keyed(key) });
    expect(retried.status).toBe(202);
    const [head] = await kit.db.collection('flows').find({ workspaceId }).toArray();
    expect(retried.body?.flowId).toBe(head?._id);
    expect(await count('flows', { workspaceId })).toBe(1);
    expect(await count('ai_jobs', { workspaceId })).toBe(1);
    // The retry used the first attempt's reservation: one charge of 10 held.
    expect(await kit.balance(workspaceId)).toBe(30);
  });
});

describe('Idempotency-Key on POST /v1/flows/{flowId}/ai/review', () => {
  it('should answer a retry with the first job and refuse another body', async () => {
    const { workspaceId, editor } = await kit.team(20);
    const flowId = await kit.newFlow(workspaceId, editor);
    const key = crypto.randomUUID();
    const path = `/v1/flows/${flowId}/ai/review`;
    const first = await kit.call(requestReview, path, editor, { method: 'POST', body: { message: 'the forms' }, headers: keyed(key) });
    const again = await kit.call(requestReview, path, editor, { method: 'POST', body: { message: 'the forms' }, headers: keyed(key) });
    const other = await kit.call(requestReview, path, editor, { method: 'POST', body: { message: 'the errors' }, headers: keyed(key) });
    expect(first.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(outcome(other)).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await kit.balance(workspaceId)).toBe(18);
  });
});
