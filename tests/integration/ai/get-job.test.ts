import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import getJob from '../../../functions/ai/get-job.ts';
import sendMessage from '../../../functions/ai/send-message.ts';
import { insertWelcome, welcomeMessage } from '../../support/ai-flows.ts';
import { startAiJobsKit, type AiJobsKit } from '../../support/ai-jobs-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { scriptedAgents } from '../../support/test-agents.ts';
import { outcome } from '../../support/workspace-kit.ts';

let kit: AiJobsKit;
beforeAll(async () => {
  kit = await startAiJobsKit('it_ai_get_job');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const accepted = async () => {
  const team = await kit.team(20);
  const flowId = await kit.newFlow(team.workspaceId, team.editor);
  const reply = await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, {
    method: 'POST',
    body: { message: welcomeMessage, intent: 'ai.plan' },
  });
  return { ...team, flowId, jobId: reply.body?.jobId as string };
};

describe('GET /v1/ai/jobs/{jobId}', () => {
  it('should answer a queued job at once when no wait is asked', async () => {
    const job = await accepted();
    const reply = await kit.call(getJob, `/v1/ai/jobs/${job.jobId}`, job.editor);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: job.jobId, status: 'queued', operation: 'ai.plan', credits: 3, steps: [], result: null });
  });

  it('should hold a long-poll until the job finishes, then answer its result', async () => {
    const job = await accepted();
    const started = Date.now();
    const waiting = kit.call(getJob, `/v1/ai/jobs/${job.jobId}?wait=20&after=0`, job.editor);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await kit.run(job, { agents: scriptedAgents(insertWelcome()).agents });
    let body = (await waiting).body ?? {};
    // The wait ends at the first new step; follow with `after` until the end, as a client does.
    while (body.status !== 'done' && body.status !== 'failed') {
      body = (await kit.call(getJob, `/v1/ai/jobs/${job.jobId}?wait=20&after=${String(body.lastSeq)}`, job.editor)).body ?? {};
    }
    expect(body).toMatchObject({ status: 'done', result: { kind: 'proposal' } });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('should give only the steps after `after`', async () => {
    const job = await accepted();
    await kit.run(job, { agents: scriptedAgents(insertWelcome()).agents });
    const all = (await kit.call(getJob, `/v1/ai/jobs/${job.jobId}`, job.editor)).body ?? {};
    const steps = all.steps as { seq: number; step: string }[];
    const later = (await kit.call(getJob, `/v1/ai/jobs/${job.jobId}?after=${steps[1]?.seq}`, job.editor)).body ?? {};
    expect((later.steps as { step: string }[]).map((step) => step.step)).toEqual(steps.slice(2).map((step) => step.step));
  });

  it('should answer when the wait is over with the job still queued', async () => {
    const job = await accepted();
    const started = Date.now();
    const reply = await kit.call(getJob, `/v1/ai/jobs/${job.jobId}?wait=1`, job.editor);
    expect(reply.body?.status).toBe('queued');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('should answer 404 JOB_NOT_FOUND to another member and to a stranger, 403 to a viewer', async () => {
    const job = await accepted();
    expect(outcome(await kit.call(getJob, `/v1/ai/jobs/${job.jobId}`, job.owner))).toEqual({ status: 404, code: 'JOB_NOT_FOUND' });
    expect(outcome(await kit.call(getJob, `/v1/ai/jobs/${job.jobId}`, job.stranger))).toEqual({ status: 404, code: 'JOB_NOT_FOUND' });
    expect(outcome(await kit.call(getJob, `/v1/ai/jobs/${job.jobId}`, job.viewer))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
  });

  it('should answer 400 when the wait is longer than 25 seconds', async () => {
    const job = await accepted();
    expect((await kit.call(getJob, `/v1/ai/jobs/${job.jobId}?wait=60`, job.editor)).status).toBe(400);
  });
});
