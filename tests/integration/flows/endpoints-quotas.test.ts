import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createSnapshot from '../../../functions/flows/create-snapshot.ts';
import deleteFlow from '../../../functions/flows/delete.ts';
import duplicateFlow from '../../../functions/flows/duplicate.ts';
import importFlow from '../../../functions/flows/import.ts';
import undeleteFlow from '../../../functions/flows/undelete.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { etag, storedCounts, storedVersions, addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_quotas');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const upgradeUrl = (workspaceId: string) => `https://app.uxflow.test/workspaces/${workspaceId}/billing/upgrade`;
const screens = (count: number, prefix = 's') => Array.from({ length: count }, (_, index) => addScreen(`${prefix}${index}`, 400 + index));
const duplicate = (flowId: string, as: TestUser) => kit.call(duplicateFlow, `/v1/flows/${flowId}/duplicate`, as, { method: 'POST' });
const upload = (workspaceId: string, as: TestUser, body: unknown) =>
  kit.call(importFlow, `/v1/workspaces/${workspaceId}/flows/import`, as, { method: 'POST', body });
const remove = (flowId: string, as: TestUser) => kit.call(deleteFlow, `/v1/flows/${flowId}`, as, { method: 'DELETE' });
const undelete = (flowId: string, as: TestUser) => kit.call(undeleteFlow, `/v1/flows/${flowId}/undelete`, as, { method: 'POST' });
const snapshot = (flowId: string, name: string, as: TestUser) =>
  kit.call(createSnapshot, `/v1/flows/${flowId}/snapshots`, as, { method: 'POST', body: { name } });

/** A blank 2.0 document with `extra` unconnected screens (warnings only). */
const documentWithScreens = (extra: number) => ({
  metadata: { schemaVersion: '2.0', flowName: 'Big', version: '1.0.0', tags: [], personas: [] },
  nodes: [
    { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } },
    { id: 'end', type: 'end', title: 'End', position: { x: 0, y: 200 } },
    ...screens(extra).map((op) => op.node),
  ],
  edges: [{ id: 'start-end', source: 'start', target: 'end', trigger: 'onLoad' }],
  frames: [],
});

describe('the free plan’s 3 flows', () => {
  it('should answer 402 FLOW_LIMIT_REACHED with the figures when a 4th flow is created, duplicated or imported', async () => {
    const { workspaceId, owner } = await kit.team('free');
    const [first] = [await kit.newFlow(workspaceId, owner), await kit.newFlow(workspaceId, owner), await kit.newFlow(workspaceId, owner)];
    const figures = { limit: 3, current: 3, plan: 'free', upgradeUrl: upgradeUrl(workspaceId) };

    const created = await kit.createIn(workspaceId, owner, { name: 'Fourth' });
    expect(outcome(created)).toEqual({ status: 402, code: 'FLOW_LIMIT_REACHED' });
    expect(created.body).toMatchObject(figures);
    const duplicated = await duplicate(first ?? '', owner);
    expect(outcome(duplicated)).toEqual({ status: 402, code: 'FLOW_LIMIT_REACHED' });
    expect(duplicated.body).toMatchObject(figures);
    const imported = await upload(workspaceId, owner, documentWithScreens(0));
    expect(outcome(imported)).toEqual({ status: 402, code: 'FLOW_LIMIT_REACHED' });
    expect(imported.body).toMatchObject(figures);
    expect(await storedCounts(kit.db, workspaceId)).toEqual({ flows: 3, versions: 3 });
  });

  it('should make room when a flow is deleted, and refuse to undelete it beyond the limit', async () => {
    const { workspaceId, owner } = await kit.team('free');
    const [first] = [await kit.newFlow(workspaceId, owner), await kit.newFlow(workspaceId, owner), await kit.newFlow(workspaceId, owner)];
    expect((await remove(first ?? '', owner)).status).toBe(204);
    expect((await kit.createIn(workspaceId, owner, { name: 'In its place' })).status).toBe(201);

    const refused = await undelete(first ?? '', owner);
    expect(outcome(refused)).toEqual({ status: 402, code: 'FLOW_LIMIT_REACHED' });
    expect(refused.body).toMatchObject({ limit: 3, current: 3, plan: 'free' });
    expect(await storedVersions(kit.db, first ?? '')).toEqual([1, 2]);
  });

  it('should not count flows against the limit on the pro plan', async () => {
    const { workspaceId, owner } = await kit.team('pro');
    for (let n = 0; n < 4; n++) await kit.newFlow(workspaceId, owner);
    expect((await kit.createIn(workspaceId, owner, { name: 'Fifth' })).status).toBe(201);
  });
});

describe('the free plan’s 200 nodes per flow', () => {
  it('should answer 402 NODE_LIMIT_REACHED and store nothing when a batch passes 200 nodes', async () => {
    const { workspaceId, owner } = await kit.team('free');
    const flowId = await kit.newFlow(workspaceId, owner);

    const tooMany = await kit.apply(flowId, owner, screens(199), etag(1));
    expect(outcome(tooMany)).toEqual({ status: 402, code: 'NODE_LIMIT_REACHED' });
    expect(tooMany.body).toMatchObject({ limit: 200, current: 201, plan: 'free', upgradeUrl: upgradeUrl(workspaceId) });
    expect(await storedVersions(kit.db, flowId)).toEqual([1]);

    const full = await kit.apply(flowId, owner, screens(198), etag(1));
    expect(full.status).toBe(200);
    expect((await kit.read(flowId, owner)).body).toMatchObject({ version: 2 });
    expect(outcome(await kit.apply(flowId, owner, [addScreen('one-more')], etag(2)))).toEqual({ status: 402, code: 'NODE_LIMIT_REACHED' });
    expect(await kit.db.collection('flows').findOne({ _id: flowId as never })).toMatchObject({ versionNumber: 2, nodeCount: 200 });
  });

  it('should answer 402 NODE_LIMIT_REACHED when an imported document has more than 200 nodes', async () => {
    const { workspaceId, owner } = await kit.team('free');
    expect(outcome(await upload(workspaceId, owner, documentWithScreens(199)))).toEqual({ status: 402, code: 'NODE_LIMIT_REACHED' });
    expect(await storedCounts(kit.db, workspaceId)).toEqual({ flows: 0, versions: 0 });
    expect((await upload(workspaceId, owner, documentWithScreens(198))).status).toBe(201);
  });
});

describe('snapshots against the free plan’s 20 versions kept', () => {
  it('should allow 20 named snapshots and answer 402 SNAPSHOT_LIMIT_REACHED to the 21st', async () => {
    const { workspaceId, owner } = await kit.team('free');
    const flowId = await kit.newFlow(workspaceId, owner);
    for (let n = 1; n <= 20; n++) {
      const reply = await snapshot(flowId, `Snapshot ${n}`, owner);
      expect(reply.status).toBe(201);
    }
    const refused = await snapshot(flowId, 'Snapshot 21', owner);
    expect(outcome(refused)).toEqual({ status: 402, code: 'SNAPSHOT_LIMIT_REACHED' });
    expect(refused.body).toMatchObject({ limit: 20, current: 20, plan: 'free', upgradeUrl: upgradeUrl(workspaceId) });
    expect(await kit.db.collection('flow_snapshots').countDocuments({ flowId })).toBe(20);
  });
});
