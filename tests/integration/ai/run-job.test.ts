import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import getJob from '../../../functions/ai/get-job.ts';
import sendMessage from '../../../functions/ai/send-message.ts';
import requestReview from '../../../functions/ai/request-review.ts';
import type { Agents } from '../../../shared/ai/index.ts';
import type { FlowOperation } from '../../../shared/flows/index.ts';
import { insertWelcome, welcomeMessage } from '../../support/ai-flows.ts';
import { startAiJobsKit, type AiJobsKit } from '../../support/ai-jobs-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { downAgents, garbledAgents, scriptedAgents, silentAgents } from '../../support/test-agents.ts';
import type { TestUser } from '../../support/workspace-kit.ts';

let kit: AiJobsKit;
beforeAll(async () => {
  kit = await startAiJobsKit('it_ai_run_job');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

/** A workspace with 20 credits, a blank flow, and a job accepted for `message`. */
const accepted = async (intent: 'ai.plan' | 'ai.chat' = 'ai.plan', message = welcomeMessage, flow?: Record<string, unknown>) => {
  const team = await kit.team(20);
  const flowId = await kit.newFlow(team.workspaceId, team.editor, flow);
  const reply = await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, { method: 'POST', body: { message, intent } });
  if (reply.status !== 202) throw new Error(`message answered ${reply.status}: ${reply.text}`);
  return { ...team, flowId, jobId: reply.body?.jobId as string };
};

const jobOf = async (jobId: string, as: TestUser) => (await kit.call(getJob, `/v1/ai/jobs/${jobId}`, as)).body ?? {};

const runWith = async (agents: Agents, job: Awaited<ReturnType<typeof accepted>>, agentTimeoutMs?: number) => {
  await kit.run(job, { agents, ...(agentTimeoutMs ? { agentTimeoutMs } : {}) });
  return jobOf(job.jobId, job.editor);
};

describe('the AI job runner', () => {
  it('should deliver a validated proposal, append each step, and charge the reserved credits', async () => {
    const job = await accepted();
    const { agents } = scriptedAgents(insertWelcome());
    const body = await runWith(agents, job);
    expect(body).toMatchObject({ status: 'done', result: { kind: 'proposal' } });
    expect((body.steps as { step: string }[]).map((step) => step.step)).toEqual([
      'classifying',
      'retrieving',
      'planning',
      'building',
      'validating',
    ]);
    expect(await kit.balance(job.workspaceId)).toBe(17);
    const proposal = await kit.ports.proposals.find((body.result as { proposalId: string }).proposalId);
    const added = proposal?.operations.find((proposed) => proposed.operation.type === 'ADD_NODE')?.operation as Extract<
      FlowOperation,
      { type: 'ADD_NODE' }
    >;
    // Placed by the engine: not where the model left it.
    expect(added.node.position).not.toEqual({ x: 0, y: 0 });
  });

  it('should repair an operation from its own error, then deliver', async () => {
    const job = await accepted();
    const broken: FlowOperation[] = [
      ...insertWelcome().slice(0, 3),
      { type: 'ADD_EDGE', edge: { id: 'welcome-end', source: 'welcome', target: 'nowhere' } },
    ];
    const { agents, calls, built } = scriptedAgents((round) => (round === 0 ? broken : insertWelcome()));
    const body = await runWith(agents, job);
    expect(body.status).toBe('done');
    expect(calls.build).toBe(2);
    expect(built[1]?.errors.map((error) => error.operationId)).toContain('op4');
    expect((body.steps as { step: string }[]).map((step) => step.step)).toContain('repairing');
    expect(await kit.balance(job.workspaceId)).toBe(17);
  });

  it('should fail with PROPOSAL_INVALID after two repairs and leave the balance unchanged', async () => {
    const job = await accepted();
    const { agents, calls } = scriptedAgents([{ type: 'DELETE_NODE', id: 'missing-node' }]);
    const body = await runWith(agents, job);
    expect(body).toMatchObject({ status: 'failed', error: { code: 'PROPOSAL_INVALID' } });
    expect(calls.build).toBe(3);
    expect(await kit.balance(job.workspaceId)).toBe(20);
  });

  it('should refuse an operation on a node the request does not concern (OUT_OF_SCOPE)', async () => {
    const job = await accepted('ai.plan', 'Rename the Wrong email or password popup to Try again', {
      name: 'Login',
      templateId: 'builtin-login',
    });
    const { agents, built } = scriptedAgents(
      [
        { type: 'UPDATE_NODE', id: 'login_failed', changes: { title: 'Try again' } },
        { type: 'UPDATE_NODE', id: 'signed_in', changes: { title: 'Welcome back' } },
      ],
      { steps: ['Rename the popup'] },
    );
    const body = await runWith(agents, job);
    expect(body).toMatchObject({ status: 'failed', error: { code: 'PROPOSAL_INVALID' } });
    expect(built[1]?.errors).toEqual([expect.objectContaining({ operationId: 'op2', rule: 'OUT_OF_SCOPE', nodeIds: ['signed_in'] })]);
  });

  it.each([
    ['the provider is down', downAgents(), 'AI_UNAVAILABLE', undefined],
    ['the model does not answer in time', silentAgents(), 'AI_TIMEOUT', 300],
    ['the output does not parse', garbledAgents(), 'AI_INVALID_OUTPUT', undefined],
  ])('should fail and leave the balance unchanged when %s', async (_case, agents, code, timeout) => {
    const job = await accepted();
    const body = await runWith(agents, job, timeout);
    expect(body).toMatchObject({ status: 'failed', error: { code } });
    expect(await kit.balance(job.workspaceId)).toBe(20);
  });

  it('should run a duplicated job event once and charge once', async () => {
    const job = await accepted();
    const { agents, calls } = scriptedAgents(insertWelcome());
    await kit.run(job, { agents }, 'event-1');
    await kit.run(job, { agents }, 'event-1');
    await kit.run(job, { agents }, 'event-2');
    expect(calls.plan).toBe(1);
    expect(await kit.db.collection('ai_proposals').countDocuments({ jobId: job.jobId })).toBe(1);
    expect(await kit.balance(job.workspaceId)).toBe(17);
  });

  it('should answer a question and charge ai.chat', async () => {
    const job = await accepted('ai.chat', 'Is this flow too long?');
    const body = await runWith(scriptedAgents([], { answer: 'It is short enough.' }).agents, job);
    expect(body).toMatchObject({ status: 'done', result: { kind: 'answer', answer: 'It is short enough.', clarifying: false } });
    expect(await kit.balance(job.workspaceId)).toBe(19);
  });

  it('should release the credits when the knowledge has no answer (NO_ANSWER)', async () => {
    const job = await accepted('ai.chat', 'What is the airspeed of a swallow?');
    const body = await runWith(scriptedAgents([], { answer: null }).agents, job);
    expect(body).toMatchObject({ status: 'failed', error: { code: 'NO_ANSWER' } });
    expect(await kit.balance(job.workspaceId)).toBe(20);
  });

  it('should bill a clarifying question as ai.chat instead of the change', async () => {
    const job = await accepted();
    const { agents } = scriptedAgents([]);
    const asking: Agents = {
      ...agents,
      plan: async () => ({ model: 'm', promptId: 'p', usage: [], steps: [], clarifyingQuestion: 'Which login?' }),
    };
    const body = await runWith(asking, job);
    expect(body).toMatchObject({ status: 'done', result: { kind: 'answer', answer: 'Which login?', clarifying: true } });
    expect(await kit.balance(job.workspaceId)).toBe(19);
  });

  it('should carry out a plain edit instruction with the offline planner (no provider configured)', async () => {
    const job = await accepted('ai.plan', 'Rename Sign in to Log in', { name: 'Login', templateId: 'builtin-login' });
    await kit.run(job, {});
    const body = await jobOf(job.jobId, job.editor);
    expect(body).toMatchObject({ status: 'done', result: { kind: 'proposal' } });
    const proposal = await kit.ports.proposals.find((body.result as { proposalId: string }).proposalId);
    expect(proposal?.model).toBe('offline');
    expect(proposal?.operations.map((proposed) => proposed.operation)).toContainEqual(
      expect.objectContaining({ type: 'UPDATE_NODE', id: 'login', changes: expect.objectContaining({ title: 'Log in' }) }),
    );
    // The offline architect answers all at once: its operations are recorded one by one all the same, each an entry of its own.
    const told = body.operations as { seq: number; round: number; id: string; operation: unknown }[];
    expect(told.map(({ round, id }) => ({ round, id }))).toEqual(proposal?.operations.map(({ id }) => ({ round: 0, id })));
    expect(new Set(told.map(({ seq }) => seq)).size).toBe(told.length);
    // The long-poll after an operation's number answers only what came later.
    const later = await kit.call(getJob, `/v1/ai/jobs/${job.jobId}?after=${told[0]!.seq}`, job.editor);
    expect((later.body?.operations as unknown[]).length).toBe(told.length - 1);
  });

  it('should review a flow: the UX lint’s findings and the agents’ commentary', async () => {
    const { workspaceId, editor } = await kit.team(20);
    const flowId = await kit.newFlow(workspaceId, editor);
    const reply = await kit.call(requestReview, `/v1/flows/${flowId}/ai/review`, editor, { method: 'POST', body: {} });
    expect(reply.status).toBe(202);
    const finding = { nodeIds: ['start'], severity: 'info' as const, message: 'Say what the flow is for.' };
    await kit.run(
      { workspaceId, flowId, jobId: reply.body?.jobId as string },
      { agents: scriptedAgents([], { findings: [finding] }).agents },
    );
    const body = await jobOf(reply.body?.jobId as string, editor);
    expect(body).toMatchObject({ status: 'done', result: { kind: 'review', findings: [{ ...finding, rule: null }] } });
    expect(await kit.balance(workspaceId)).toBe(18);
  });
});
