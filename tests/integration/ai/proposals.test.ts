import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import applyProposal from '../../../functions/ai/apply-proposal.ts';
import discardProposal from '../../../functions/ai/discard-proposal.ts';
import getProposal from '../../../functions/ai/get-proposal.ts';
import refineProposal from '../../../functions/ai/refine-proposal.ts';
import sendMessage from '../../../functions/ai/send-message.ts';
import applyOperations from '../../../functions/flows/apply-operations.ts';
import getFlow from '../../../functions/flows/get.ts';
import getVersion from '../../../functions/flows/get-version.ts';
import restoreVersion from '../../../functions/flows/restore-version.ts';
import type { FlowDocument, FlowOperation } from '../../../shared/flows/index.ts';
import { insertWelcome, welcomeMessage } from '../../support/ai-flows.ts';
import { startAiJobsKit, type AiJobsKit } from '../../support/ai-jobs-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { scriptedAgents } from '../../support/test-agents.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';

let kit: AiJobsKit;
beforeAll(async () => {
  kit = await startAiJobsKit('it_ai_proposals');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

type Team = Awaited<ReturnType<AiJobsKit['team']>>;

/** A proposal of `as` on a flow, made by a job run with scripted agents. */
const propose = async (team: Team, flowId: string, as: TestUser = team.editor, operations: FlowOperation[] = insertWelcome()) => {
  const reply = await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, as, {
    method: 'POST',
    body: { message: welcomeMessage, intent: 'ai.plan' },
  });
  const jobId = reply.body?.jobId as string;
  await kit.run({ jobId, workspaceId: team.workspaceId, flowId }, { agents: scriptedAgents(operations).agents });
  const proposal = await kit.db.collection('ai_proposals').findOne({ jobId });
  if (!proposal) throw new Error(`job ${jobId} made no proposal`);
  return proposal._id as unknown as string;
};

const setUp = async () => {
  const team = await kit.team(50);
  const flowId = await kit.newFlow(team.workspaceId, team.editor);
  return { team, flowId, proposalId: await propose(team, flowId) };
};

const path = (flowId: string, proposalId: string) => `/v1/flows/${flowId}/ai/proposals/${proposalId}`;
const apply = (flowId: string, proposalId: string, as: TestUser, ifMatch: string | null, body: unknown = {}) =>
  kit.call(applyProposal, `${path(flowId, proposalId)}/apply`, as, {
    method: 'POST',
    body,
    ...(ifMatch === null ? {} : { headers: { 'if-match': ifMatch } }),
  });
const stateOf = async (flowId: string, proposalId: string, as: TestUser) =>
  (await kit.call(getProposal, path(flowId, proposalId), as)).body?.state;
const documentOf = async (flowId: string, as: TestUser, version?: number) =>
  ((version === undefined
    ? await kit.call(getFlow, `/v1/flows/${flowId}`, as)
    : await kit.call(getVersion, `/v1/flows/${flowId}/versions/${version}`, as)
  ).body?.document ?? null) as FlowDocument | null;
/** The document without the server-managed `metadata.version` (the version number it was stored as). */
const content = (document: FlowDocument | null) =>
  JSON.stringify(document ? { ...document, metadata: { ...document.metadata, version: '-' } } : null);

describe('AI proposals', () => {
  it('should show an open proposal: plan, operations with ids and rationales, preview findings, 15-minute expiry', async () => {
    const { team, flowId, proposalId } = await setUp();
    const reply = await kit.call(getProposal, path(flowId, proposalId), team.editor);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: proposalId,
      state: 'open',
      baseVersion: 1,
      steps: ['Carry out the request'],
      model: 'test-model',
      promptId: 'test-prompt@1',
    });
    expect((reply.body?.operations as { id: string; rationale: string }[]).map(({ id, rationale }) => ({ id, rationale }))).toEqual([
      { id: 'op1', rationale: 'step 1' },
      { id: 'op2', rationale: 'step 2' },
      { id: 'op3', rationale: 'step 3' },
      { id: 'op4', rationale: 'step 4' },
    ]);
    expect(Date.parse(reply.body?.expiresAt as string) - Date.parse(reply.body?.createdAt as string)).toBe(15 * 60_000);
    expect(Array.isArray(reply.body?.lint) && Array.isArray(reply.body.warnings)).toBe(true);
  });

  it('should apply as a new version made via the proposal, free of credits, and only once', async () => {
    const { team, flowId, proposalId } = await setUp();
    const before = await kit.balance(team.workspaceId);
    const reply = await apply(flowId, proposalId, team.editor, '"v1"');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe('"v2"');
    expect(reply.body).toMatchObject({ version: 2, applied: ['op1', 'op2', 'op3', 'op4'] });
    expect(await kit.balance(team.workspaceId)).toBe(before);
    const flow = await kit.call(getFlow, `/v1/flows/${flowId}`, team.editor);
    expect(flow.body?.provenance).toMatchObject({ kind: 'proposal', userId: team.editor.id, proposalId, model: 'test-model' });
    expect(await stateOf(flowId, proposalId, team.editor)).toBe('applied');
    expect(outcome(await apply(flowId, proposalId, team.editor, '"v2"'))).toEqual({ status: 409, code: 'PROPOSAL_CLOSED' });
  });

  it('should keep every existing node where it was and place the new ones clear of them', async () => {
    const team = await kit.team(50);
    const flowId = await kit.newFlow(team.workspaceId, team.editor, { name: 'Login', templateId: 'builtin-login' });
    const before = await documentOf(flowId, team.editor);
    const operations: FlowOperation[] = [
      { type: 'ADD_NODE', node: { id: 'terms', type: 'screen', title: 'Accept the terms', position: { x: 0, y: 0 } } },
      { type: 'DELETE_EDGE', id: 'e16' },
      { type: 'ADD_EDGE', edge: { id: 'session-terms', source: 'start_session', target: 'terms', trigger: 'onSuccess' } },
      { type: 'ADD_EDGE', edge: { id: 'terms-signed-in', source: 'terms', target: 'signed_in', trigger: 'onSubmit' } },
    ];
    const proposalId = await propose(team, flowId, team.editor, operations);
    expect((await apply(flowId, proposalId, team.editor, '"v1"')).status).toBe(200);
    const after = await documentOf(flowId, team.editor);
    const position = new Map(after?.nodes.map((node) => [node.id, node.position]));
    for (const node of before?.nodes ?? [])
      expect({ id: node.id, position: position.get(node.id) }).toEqual({ id: node.id, position: node.position });
    const terms = after?.nodes.find((node) => node.id === 'terms');
    const overlapping = (before?.nodes ?? []).filter(
      (node) => Math.abs(node.position.x - (terms?.position.x ?? 0)) < 150 && Math.abs(node.position.y - (terms?.position.y ?? 0)) < 60,
    );
    expect(overlapping).toEqual([]);
  });

  it('should give back a byte-identical document when the version before the apply is restored', async () => {
    const { team, flowId, proposalId } = await setUp();
    const original = await documentOf(flowId, team.editor, 1);
    expect((await apply(flowId, proposalId, team.editor, '"v1"')).status).toBe(200);
    const restored = await kit.call(restoreVersion, `/v1/flows/${flowId}/versions/1/restore`, team.editor, {
      method: 'POST',
      headers: { 'if-match': '"v2"' },
    });
    expect(restored.status).toBe(200);
    expect(content(await documentOf(flowId, team.editor))).toBe(content(original));
  });

  it('should apply on a flow that moved when the proposal still validates against it', async () => {
    const { team, flowId, proposalId } = await setUp();
    const note = { type: 'ADD_NODE', node: { id: 'note1', type: 'note', title: 'Ask legal', position: { x: 900, y: 0 } } };
    expect(
      (
        await kit.call(applyOperations, `/v1/flows/${flowId}/operations`, team.editor, {
          method: 'POST',
          body: { operations: [note] },
          headers: { 'if-match': '"v1"' },
        })
      ).status,
    ).toBe(200);
    const reply = await apply(flowId, proposalId, team.editor, '"v2"');
    expect(reply.status).toBe(200);
    expect((await documentOf(flowId, team.editor))?.nodes.map((node) => node.id).sort()).toEqual(['end', 'note1', 'start', 'welcome']);
  });

  it('should answer 409 PROPOSAL_STALE when the flow moved and the proposal no longer validates', async () => {
    const { team, flowId, proposalId } = await setUp();
    const edit = [
      { type: 'UPDATE_EDGE', id: 'start-end', changes: { label: 'go' } },
      { type: 'DELETE_EDGE', id: 'start-end' },
      { type: 'ADD_EDGE', edge: { id: 'other', source: 'start', target: 'end', trigger: 'onLoad' } },
    ];
    expect(
      (
        await kit.call(applyOperations, `/v1/flows/${flowId}/operations`, team.editor, {
          method: 'POST',
          body: { operations: edit },
          headers: { 'if-match': '"v1"' },
        })
      ).status,
    ).toBe(200);
    const reply = await apply(flowId, proposalId, team.editor, '"v2"');
    expect(outcome(reply)).toEqual({ status: 409, code: 'PROPOSAL_STALE' });
    expect(await stateOf(flowId, proposalId, team.editor)).toBe('open');
  });

  it('should answer 422 SELECTION_NOT_CLOSED for an edge without its new node, and apply a closed selection', async () => {
    const { team, flowId, proposalId } = await setUp();
    const unclosed = await apply(flowId, proposalId, team.editor, '"v1"', { operationIds: ['op2', 'op3'] });
    expect(outcome(unclosed)).toEqual({ status: 422, code: 'SELECTION_NOT_CLOSED' });
    expect(unclosed.body?.missing).toEqual([{ operationId: 'op3', needs: ['op1'] }]);
    expect(outcome(await apply(flowId, proposalId, team.editor, '"v1"', { operationIds: ['op9'] }))).toEqual({
      status: 422,
      code: 'UNKNOWN_OPERATIONS',
    });
    const closed = await apply(flowId, proposalId, team.editor, '"v1"', { operationIds: ['op1'] });
    expect(closed.body).toMatchObject({ version: 2, applied: ['op1'] });
  });

  it('should answer 428 without If-Match and 412 with an old one, leaving the proposal open', async () => {
    const { team, flowId, proposalId } = await setUp();
    expect(outcome(await apply(flowId, proposalId, team.editor, null))).toEqual({ status: 428, code: 'IF_MATCH_REQUIRED' });
    expect(outcome(await apply(flowId, proposalId, team.editor, '"v7"'))).toEqual({ status: 412, code: 'VERSION_CONFLICT' });
    expect(await stateOf(flowId, proposalId, team.editor)).toBe('open');
  });

  it('should keep one open proposal per user and flow: a new one supersedes the old, another user’s does not', async () => {
    const { team, flowId, proposalId: first } = await setUp();
    const mine = await Promise.all([propose(team, flowId), propose(team, flowId)]);
    const theirs = await propose(team, flowId, team.owner);
    const states = await Promise.all([first, ...mine].map((id) => stateOf(flowId, id, team.editor)));
    expect(states.filter((state) => state === 'open')).toHaveLength(1);
    expect(states[0]).toBe('superseded');
    expect(await stateOf(flowId, theirs, team.owner)).toBe('open');
    expect(outcome(await apply(flowId, first, team.editor, '"v1"'))).toEqual({ status: 409, code: 'PROPOSAL_SUPERSEDED' });
  });

  it('should expire a proposal 15 minutes after it was made', async () => {
    const { team, flowId, proposalId } = await setUp();
    const later = (ms: number) => ({ clock: { now: () => new Date(Date.now() + ms) } });
    expect((await kit.callWith(getProposal, later(14 * 60_000), path(flowId, proposalId), team.editor)).body?.state).toBe('open');
    expect((await kit.callWith(getProposal, later(15 * 60_000 + 1000), path(flowId, proposalId), team.editor)).body?.state).toBe('expired');
    const reply = await kit.callWith(applyProposal, later(15 * 60_000 + 1000), `${path(flowId, proposalId)}/apply`, team.editor, {
      method: 'POST',
      body: {},
      headers: { 'if-match': '"v1"' },
    });
    expect(outcome(reply)).toEqual({ status: 409, code: 'PROPOSAL_EXPIRED' });
  });

  it('should discard (again is fine) and then refuse to apply it; a discard after an apply is 409', async () => {
    const { team, flowId, proposalId } = await setUp();
    expect((await kit.call(discardProposal, path(flowId, proposalId), team.editor, { method: 'DELETE' })).status).toBe(204);
    expect((await kit.call(discardProposal, path(flowId, proposalId), team.editor, { method: 'DELETE' })).status).toBe(204);
    expect(outcome(await apply(flowId, proposalId, team.editor, '"v1"'))).toEqual({ status: 409, code: 'PROPOSAL_CLOSED' });
    const other = await propose(team, flowId);
    expect((await apply(flowId, other, team.editor, '"v1"')).status).toBe(200);
    expect(outcome(await kit.call(discardProposal, path(flowId, other), team.editor, { method: 'DELETE' }))).toEqual({
      status: 409,
      code: 'PROPOSAL_CLOSED',
    });
  });

  it('should refine an open proposal into a new one that supersedes it (ai.refine: 2 credits)', async () => {
    const { team, flowId, proposalId } = await setUp();
    const before = await kit.balance(team.workspaceId);
    const reply = await kit.call(refineProposal, `${path(flowId, proposalId)}/refine`, team.editor, {
      method: 'POST',
      body: { feedback: 'Call it Hello instead' },
    });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ operation: 'ai.refine', credits: 2 });
    const jobId = reply.body?.jobId as string;
    await kit.run({ jobId, workspaceId: team.workspaceId, flowId }, { agents: scriptedAgents(insertWelcome('hello')).agents });
    const revised = await kit.db.collection('ai_proposals').findOne({ jobId });
    expect(revised?.revises).toBe(proposalId);
    expect(await stateOf(flowId, proposalId, team.editor)).toBe('superseded');
    expect(await kit.balance(team.workspaceId)).toBe(before - 2);
  });

  it('should answer 404 PROPOSAL_NOT_FOUND to another member and a stranger, 403 to a viewer', async () => {
    const { team, flowId, proposalId } = await setUp();
    expect(outcome(await kit.call(getProposal, path(flowId, proposalId), team.owner))).toEqual({ status: 404, code: 'PROPOSAL_NOT_FOUND' });
    expect(outcome(await kit.call(getProposal, path(flowId, proposalId), team.stranger))).toEqual({
      status: 404,
      code: 'PROPOSAL_NOT_FOUND',
    });
    expect(outcome(await kit.call(getProposal, path(flowId, proposalId), team.viewer))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
  });
});
