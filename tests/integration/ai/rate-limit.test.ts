import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sendMessage from '../../../functions/ai/send-message.ts';
import { startAiJobsKit, type AiJobsKit } from '../../support/ai-jobs-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let kit: AiJobsKit;
beforeAll(async () => {
  // A generous limiter timeout: under a loaded machine it would otherwise fail open and let the 7th through.
  kit = await startAiJobsKit('it_ai_rate_limit', {
    RATE_LIMIT_AI_PER_MINUTE: 'free:2,basic:3,pro:6,enterprise:8',
    RATE_LIMIT_TIMEOUT_MS: '10000',
  });
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const ask = (flowId: string, as: Parameters<AiJobsKit['call']>[2]) =>
  kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, as, { method: 'POST', body: { message: 'Is it too long?', intent: 'ai.chat' } });

describe('the ai rate class on flow routes', () => {
  it('should count AI requests on a flow against its workspace’s plan, not the free figure per user', async () => {
    const { workspaceId, editor } = await kit.team(100, 'pro');
    const flowId = await kit.newFlow(workspaceId, editor);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await ask(flowId, editor)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 429]);
  });

  it('should not let a stranger spend a workspace’s budget by naming its flow', async () => {
    const { workspaceId, editor, stranger } = await kit.team(100, 'pro');
    const flowId = await kit.newFlow(workspaceId, editor);
    for (let i = 0; i < 6; i++) await ask(flowId, stranger);
    expect((await ask(flowId, editor)).status).toBe(202);
  });
});
