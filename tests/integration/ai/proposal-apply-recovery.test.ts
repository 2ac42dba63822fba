import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import applyProposal from '../../../functions/ai/apply-proposal.ts';
import discardProposal from '../../../functions/ai/discard-proposal.ts';
import getProposal from '../../../functions/ai/get-proposal.ts';
import sendMessage from '../../../functions/ai/send-message.ts';
import applyOperations from '../../../functions/flows/apply-operations.ts';
import type { AiPorts } from '../../../shared/ai/index.ts';
import { insertWelcome, welcomeMessage } from '../../support/ai-flows.ts';
import { startAiJobsKit, type AiJobsKit, type Swaps } from '../../support/ai-jobs-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { scriptedAgents } from '../../support/test-agents.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';

let kit: AiJobsKit;
beforeAll(async () => {
  kit = await startAiJobsKit('it_ai_apply_recovery');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

/** A flow with an open proposal of the editor (based on version 1). */
const setUp = async () => {
  const team = await kit.team(50);
  const flowId = await kit.newFlow(team.workspaceId, team.editor);
  const reply = await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, {
    method: 'POST',
    body: { message: welcomeMessage, intent: 'ai.plan' },
  });
  const jobId = reply.body?.jobId as string;
  await kit.run({ jobId, workspaceId: team.workspaceId, flowId }, { agents: scriptedAgents(insertWelcome()).agents });
  const proposal = await kit.db.collection('ai_proposals').findOne({ jobId });
  return { team, flowId, proposalId: proposal?._id as unknown as string };
};

const path = (flowId: string, proposalId: string) => `/v1/flows/${flowId}/ai/proposals/${proposalId}`;
const apply = (flowId: string, proposalId: string, as: TestUser, ifMatch: string, swaps: Swaps = {}) =>
  kit.callWith(applyProposal, swaps, `${path(flowId, proposalId)}/apply`, as, {
    method: 'POST',
    body: {},
    headers: { 'if-match': ifMatch },
  });
const stateOf = async (flowId: string, proposalId: string, as: TestUser) =>
  (await kit.call(getProposal, path(flowId, proposalId), as)).body?.state;
const versionsOf = (flowId: string) =>
  kit.db
    .collection('flow_versions')
    .find({ flowId })
    .sort({ versionNumber: 1 })
    .toArray()
    .then((versions) =>
      versions.map((v) => ({
        number: v.versionNumber as number,
        proposalId: (v.provenance as { proposalId?: string }).proposalId ?? null,
      })),
    );

/** The flow's version store, failing its next insert as a function that dies there would: before the insert, or after it (a lost answer). */
const failingVersionInsert =
  (when: 'before' | 'after', alsoBlindReads = false) =>
  (ports: AiPorts): AiPorts => {
    let failed = false;
    const versions = ports.flows.versions;
    return {
      ...ports,
      flows: {
        ...ports.flows,
        versions: {
          ...versions,
          insert: async (version) => {
            if (failed) return versions.insert(version);
            failed = true;
            if (when === 'after') await versions.insert(version);
            throw new Error('the function died here');
          },
          // A function that died does not look at the versions afterwards either.
          find: async (flowId, number) => {
            if (alsoBlindReads && failed) throw new Error('the function is gone');
            return versions.find(flowId, number);
          },
        },
      },
    };
  };

describe('applying a proposal across a crash', () => {
  it('should leave an apply that died before its version "applying", and finish it on a retry with the same If-Match', async () => {
    const { team, flowId, proposalId } = await setUp();
    const crashed = await apply(flowId, proposalId, team.editor, '"v1"', { ports: failingVersionInsert('before') });
    expect(crashed.status).toBe(500);
    expect(await versionsOf(flowId)).toEqual([{ number: 1, proposalId: null }]);
    expect(await stateOf(flowId, proposalId, team.editor)).toBe('applying');
    expect(outcome(await kit.call(discardProposal, path(flowId, proposalId), team.editor, { method: 'DELETE' }))).toEqual({
      status: 409,
      code: 'PROPOSAL_APPLYING',
    });
    expect(outcome(await apply(flowId, proposalId, team.editor, '"v7"'))).toEqual({ status: 412, code: 'VERSION_CONFLICT' });
    const retried = await apply(flowId, proposalId, team.editor, '"v1"');
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ version: 2 });
    expect(await stateOf(flowId, proposalId, team.editor)).toBe('applied');
    expect(await versionsOf(flowId)).toEqual([
      { number: 1, proposalId: null },
      { number: 2, proposalId },
    ]);
  });

  it('should count an apply that died after writing its version as applied, answer its retry with that version and never apply twice', async () => {
    const { team, flowId, proposalId } = await setUp();
    const crashed = await apply(flowId, proposalId, team.editor, '"v1"', { ports: failingVersionInsert('after', true) });
    expect(crashed.status).toBe(500);
    expect(await stateOf(flowId, proposalId, team.editor)).toBe('applied');
    const retried = await apply(flowId, proposalId, team.editor, '"v1"');
    expect(retried.status).toBe(200);
    expect(retried.headers.get('etag')).toBe('"v2"');
    expect(outcome(await apply(flowId, proposalId, team.editor, '"v2"'))).toEqual({ status: 409, code: 'PROPOSAL_CLOSED' });
    expect(await versionsOf(flowId)).toEqual([
      { number: 1, proposalId: null },
      { number: 2, proposalId },
    ]);
  });

  it('should answer a lost answer at once: the version was written, so the apply succeeded', async () => {
    const { team, flowId, proposalId } = await setUp();
    const reply = await apply(flowId, proposalId, team.editor, '"v1"', { ports: failingVersionInsert('after') });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ version: 2 });
    expect(await versionsOf(flowId)).toHaveLength(2);
  });

  it('should reopen a proposal whose unfinished apply lost its version number to another change', async () => {
    const { team, flowId, proposalId } = await setUp();
    expect((await apply(flowId, proposalId, team.editor, '"v1"', { ports: failingVersionInsert('before') })).status).toBe(500);
    const note = { type: 'ADD_NODE', node: { id: 'note1', type: 'note', title: 'Ask legal', position: { x: 900, y: 0 } } };
    const edited = await kit.call(applyOperations, `/v1/flows/${flowId}/operations`, team.editor, {
      method: 'POST',
      body: { operations: [note] },
      headers: { 'if-match': '"v1"' },
    });
    expect(edited.status).toBe(200);
    expect(await stateOf(flowId, proposalId, team.editor)).toBe('open');
    const applied = await apply(flowId, proposalId, team.editor, '"v2"');
    expect(applied.status).toBe(200);
    expect(await versionsOf(flowId)).toEqual([
      { number: 1, proposalId: null },
      { number: 2, proposalId: null },
      { number: 3, proposalId },
    ]);
  });

  it('should make one version of 5 concurrent applies with the same If-Match, each answered with it', async () => {
    const { team, flowId, proposalId } = await setUp();
    const replies = await Promise.all(Array.from({ length: 5 }, () => apply(flowId, proposalId, team.editor, '"v1"')));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(replies.map((reply) => reply.body?.version))).toEqual(new Set([2]));
    expect(await versionsOf(flowId)).toHaveLength(2);
  });
});
