import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deleteFlow from '../../../functions/flows/delete.ts';
import duplicateFlow from '../../../functions/flows/duplicate.ts';
import undeleteFlow from '../../../functions/flows/undelete.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type Reply, type TestUser } from '../../support/workspace-kit.ts';
import { startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

/** The plan's flows per workspace under concurrency: numbered places claimed by a unique insert. */
let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_limit');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const remove = (flowId: string, as: TestUser) => kit.call(deleteFlow, `/v1/flows/${flowId}`, as, { method: 'DELETE' });
const undelete = (flowId: string, as: TestUser) => kit.call(undeleteFlow, `/v1/flows/${flowId}/undelete`, as, { method: 'POST' });
const duplicate = (flowId: string, as: TestUser) => kit.call(duplicateFlow, `/v1/flows/${flowId}/duplicate`, as, { method: 'POST' });
const activeFlows = (workspaceId: string) => kit.db.collection('flows').countDocuments({ workspaceId, deletedAt: null });
const statuses = (replies: Reply[]) => replies.map((reply) => reply.status).sort();
const refusedAll = (replies: Reply[]) =>
  replies.filter((reply) => reply.status !== 201 && reply.status !== 200).every((reply) => reply.body?.code === 'FLOW_LIMIT_REACHED');

describe('the free plan’s 3 flows under racing writers', () => {
  it('should let exactly 3 of 20 racing creates through, free a place on delete and refuse an undelete beyond the limit', async () => {
    const { workspaceId, owner } = await kit.team('free');
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => kit.createIn(workspaceId, owner, { name: `Race ${i}` })));
    expect(statuses(replies)).toEqual([...Array<number>(3).fill(201), ...Array<number>(17).fill(402)]);
    expect(refusedAll(replies)).toBe(true);
    expect(replies.find((reply) => reply.status === 402)?.body).toMatchObject({ limit: 3, current: 3, plan: 'free' });
    expect(await activeFlows(workspaceId)).toBe(3);
    expect(await kit.db.collection('flow_versions').countDocuments({ workspaceId })).toBe(3);

    const [first] = replies.filter((reply) => reply.status === 201).map((reply) => reply.body?.id as string);
    expect((await remove(first!, owner)).status).toBe(204);
    expect((await kit.createIn(workspaceId, owner, { name: 'In its place' })).status).toBe(201);
    expect(outcome(await kit.createIn(workspaceId, owner, { name: 'One too many' }))).toEqual({ status: 402, code: 'FLOW_LIMIT_REACHED' });

    const refused = await undelete(first!, owner);
    expect(outcome(refused)).toEqual({ status: 402, code: 'FLOW_LIMIT_REACHED' });
    expect(refused.body).toMatchObject({ limit: 3, current: 3 });
    expect(await activeFlows(workspaceId)).toBe(3);
  });

  it('should let racing undeletes, duplicates and creates take only the two free places', async () => {
    const { workspaceId, owner } = await kit.team('free');
    const flows = [await kit.newFlow(workspaceId, owner), await kit.newFlow(workspaceId, owner), await kit.newFlow(workspaceId, owner)];
    for (const flowId of flows.slice(0, 2)) expect((await remove(flowId, owner)).status).toBe(204);
    // One flow active, two deleted: two places free, six writers race for them.
    const replies = await Promise.all([
      undelete(flows[0]!, owner),
      undelete(flows[1]!, owner),
      duplicate(flows[2]!, owner),
      duplicate(flows[2]!, owner),
      kit.createIn(workspaceId, owner, { name: 'Racer A' }),
      kit.createIn(workspaceId, owner, { name: 'Racer B' }),
    ]);
    expect(replies.filter((reply) => reply.status === 200 || reply.status === 201)).toHaveLength(2);
    expect(refusedAll(replies)).toBe(true);
    expect(await activeFlows(workspaceId)).toBe(3);
  });

  it('should count flows that hold no place (made before places existed, or on a plan without a limit)', async () => {
    const { workspaceId, owner } = await kit.team('pro');
    await kit.newFlow(workspaceId, owner);
    await kit.newFlow(workspaceId, owner);
    await kit.db.collection('workspaces').updateOne({ _id: workspaceId as never }, { $set: { plan: 'free' } });

    expect((await kit.createIn(workspaceId, owner, { name: 'Third' })).status).toBe(201);
    const refused = await kit.createIn(workspaceId, owner, { name: 'Fourth' });
    expect(outcome(refused)).toEqual({ status: 402, code: 'FLOW_LIMIT_REACHED' });
    expect(refused.body).toMatchObject({ limit: 3, current: 3 });
  });

  it('should keep a place free when the document of a create is refused', async () => {
    const { workspaceId, owner } = await kit.team('free');
    await kit.newFlow(workspaceId, owner);
    await kit.newFlow(workspaceId, owner);
    const invalid = {
      metadata: { schemaVersion: '2.0', flowName: 'Broken', version: '1.0.0', tags: [], personas: [] },
      nodes: [],
      edges: [],
      frames: [],
    };
    const broken = await kit.createIn(workspaceId, owner, { name: 'Broken', document: invalid });
    expect(broken.status).toBe(422);
    expect((await kit.createIn(workspaceId, owner, { name: 'Third' })).status).toBe(201);
  });
});
