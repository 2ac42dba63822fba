import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import blameFlow from '../../../functions/flows/blame.ts';
import createSnapshot from '../../../functions/flows/create-snapshot.ts';
import deleteFlow from '../../../functions/flows/delete.ts';
import getVersion from '../../../functions/flows/get-version.ts';
import listVersions from '../../../functions/flows/list-versions.ts';
import restoreVersion from '../../../functions/flows/restore-version.ts';
import undeleteFlow from '../../../functions/flows/undelete.ts';
import createApiKey from '../../../functions/identity/create-api-key.ts';
import { createFlowBlameService, createFlowEditService, type FlowOperation, type FlowsPorts } from '../../../shared/flows/index.ts';
import { flowPorts } from '../../../shared/infra/flows/flows-resource.ts';
import { createFlowVersionStore } from '../../../shared/infra/mongodb/flow-version-store.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { addScreen, dropCachedFlow, etag, startFlowKit, storedVersions, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;
let runtime: Runtime;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_blame');
  runtime = createRuntime({ name: 'flows-blame-it', uses: [flowPorts] }, kit.env);
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.close();
  await kit.close();
});

interface Entry {
  id: string;
  version: number;
  kind: string;
  at: string;
  author: Record<string, unknown>;
  restoredFrom: number | null;
  rationale: string | null;
  truncated: boolean;
}

const blameOf = async (flowId: string, as: TestUser) => {
  const reply = await kit.call(blameFlow, `/v1/flows/${flowId}/blame`, as);
  const byId = (key: 'nodes' | 'edges') =>
    Object.fromEntries(((reply.body?.[key] ?? []) as Entry[]).map((entry) => [entry.id, entry])) as Record<string, Entry>;
  return { reply, nodes: byId('nodes'), edges: byId('edges') };
};
const ok = async (reply: Promise<{ status: number; text: string }>, status = 200) => {
  const done = await reply;
  if (done.status !== status) throw new Error(`answered ${done.status}: ${done.text}`);
};

const proposal = {
  kind: 'proposal',
  proposalId: 'prp_blame1',
  model: 'offline-planner',
  promptId: 'architect@3',
  messageId: 'msg_blame1',
} as const;

describe('GET /v1/flows/{flowId}/blame', () => {
  it('should name the user, the other user and the proposal (model, prompt, rationale) that last changed each element', async () => {
    const { workspaceId, owner, editor, viewer, stranger } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner); // v1: start → end (start-end)
    await ok(kit.apply(flowId, editor, [addScreen('s1')], etag(1))); // v2
    const operations: FlowOperation[] = [
      { type: 'ADD_NODE', node: { id: 'verify', type: 'screen', title: 'Verify email', position: { x: 600, y: 400 } } },
      { type: 'ADD_EDGE', edge: { id: 's1-verify', source: 's1', target: 'verify' } },
      { type: 'UPDATE_NODE', id: 'end', changes: { title: 'Done' } },
    ];
    const caller = { userId: owner.id, access: async () => 'granted' as const };
    const rationales = {
      0: 'Users must confirm their address\n before paying',
      1: 'Reach verification from the form',
      7: 'not in the batch',
    };
    await createFlowEditService(runtime.use(flowPorts)).apply(caller, flowId, [2], operations, { via: { ...proposal, rationales } }); // v3

    const { reply, nodes, edges } = await blameOf(flowId, viewer);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe(etag(3));
    expect(reply.body).toMatchObject({ version: 3, truncated: false });
    const byOwner = { kind: 'user', userId: owner.id };
    expect(nodes.start).toMatchObject({ version: 1, kind: 'created', author: byOwner, rationale: null, truncated: false });
    expect(edges['start-end']).toMatchObject({ version: 1, author: byOwner });
    expect(nodes.s1).toMatchObject({ version: 2, kind: 'edited', author: { kind: 'user', userId: editor.id }, rationale: null });
    const byProposal = { ...proposal, userId: owner.id };
    expect(nodes.verify).toMatchObject({ version: 3, author: byProposal, rationale: 'Users must confirm their address before paying' });
    expect(edges['s1-verify']).toMatchObject({ version: 3, author: byProposal, rationale: 'Reach verification from the form' });
    // Changed by the proposal, by an operation that came without a rationale.
    expect(nodes.end).toMatchObject({ version: 3, author: byProposal, rationale: null });
    expect(Object.keys(nodes)).toEqual(['start', 'end', 's1', 'verify']);

    // Listing and reading versions show the provenance (without the rationales).
    const listed = (await kit.call(listVersions, `/v1/flows/${flowId}/versions`, viewer)).body?.items as Record<string, unknown>[];
    expect(listed.map((item) => item.provenance)).toEqual([byProposal, { kind: 'user', userId: editor.id }, byOwner]);
    expect((await kit.call(getVersion, `/v1/flows/${flowId}/versions/3`, viewer)).body?.provenance).toEqual(byProposal);
    expect((await kit.read(flowId, viewer)).body).toMatchObject({ version: 3, updatedBy: owner.id, provenance: byProposal });

    expect(outcome((await blameOf(flowId, stranger)).reply)).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
  });

  it('should name the API key an element was last changed with', async () => {
    const { workspaceId, owner } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    const created = await kit.call(createApiKey, `/v1/workspaces/${workspaceId}/api-keys`, owner, {
      method: 'POST',
      body: { name: 'figma plugin', permissions: ['flows:read', 'flows:update'] },
    });
    const key: TestUser = { ...owner, token: created.body?.key as string };
    await ok(kit.apply(flowId, key, [addScreen('from-figma')], etag(1)));

    const { reply, nodes } = await blameOf(flowId, key);
    expect(reply.status).toBe(200);
    const byKey = { kind: 'apiKey', userId: owner.id, keyId: created.body?.id };
    expect(nodes['from-figma']).toMatchObject({ version: 2, author: byKey });
    expect(nodes.start).toMatchObject({ version: 1, author: { kind: 'user', userId: owner.id } });
    expect((await kit.call(listVersions, `/v1/flows/${flowId}/versions?limit=1`, owner)).body?.items).toMatchObject([
      { provenance: byKey },
    ]);
  });

  it('should blame a restore for what it brought back, and never a deletion or an undeletion', async () => {
    const { workspaceId, owner, editor } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner); // v1
    await ok(kit.apply(flowId, editor, [addScreen('s1')], etag(1))); // v2
    await ok(kit.apply(flowId, editor, [{ type: 'UPDATE_NODE', id: 'start', changes: { title: 'Begin' } }], etag(2))); // v3
    await ok(
      kit.call(restoreVersion, `/v1/flows/${flowId}/versions/2/restore`, owner, { method: 'POST', headers: { 'if-match': etag(3) } }),
    ); // v4
    await ok(kit.call(deleteFlow, `/v1/flows/${flowId}`, owner, { method: 'DELETE' }), 204); // v5
    expect(outcome((await blameOf(flowId, owner)).reply)).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    await ok(kit.call(undeleteFlow, `/v1/flows/${flowId}/undelete`, owner, { method: 'POST' })); // v6

    const { reply, nodes, edges } = await blameOf(flowId, owner);
    expect(reply.body).toMatchObject({ version: 6, truncated: false });
    // The restore put the start's title back: it is the last change of that node.
    expect(nodes.start).toMatchObject({ version: 4, kind: 'restored', restoredFrom: 2, author: { kind: 'user', userId: owner.id } });
    expect(nodes.s1).toMatchObject({ version: 2, author: { kind: 'user', userId: editor.id } });
    expect(nodes.end).toMatchObject({ version: 1, kind: 'created' });
    expect(edges['start-end']).toMatchObject({ version: 1 });
  });

  it('should attribute what predates the oldest kept version to it, and changes across a pruned gap to the version after it, as truncated', async () => {
    const { workspaceId, owner, editor } = await kit.team('free');
    const flowId = await kit.newFlow(workspaceId, owner);
    for (let n = 1; n <= 2; n++) await ok(kit.apply(flowId, editor, [addScreen(`s${n}`, 400 + n * 10)], etag(n))); // v2, v3
    await ok(kit.call(createSnapshot, `/v1/flows/${flowId}/snapshots`, owner, { method: 'POST', body: { name: 'Kept' } }), 201);
    for (let n = 3; n <= 24; n++) await ok(kit.apply(flowId, editor, [addScreen(`s${n}`, 400 + n * 10)], etag(n))); // v4…v25
    await kit.db.collection('flow_versions').updateMany({ flowId }, { $set: { published: true } });
    await ok(kit.apply(flowId, editor, [addScreen('s25', 800)], etag(25))); // v26: prunes v1, v2, v4…v6
    expect(await storedVersions(kit.db, flowId)).toEqual([3, ...Array.from({ length: 20 }, (_, index) => index + 7)]);

    const { reply, nodes, edges } = await blameOf(flowId, owner);
    expect(reply.body).toMatchObject({ version: 26, truncated: true });
    expect(nodes.start).toMatchObject({ version: 3, truncated: true });
    expect(edges['start-end']).toMatchObject({ version: 3, truncated: true });
    expect(nodes.s1).toMatchObject({ version: 3, truncated: true });
    // s3…s6 were added in v4…v7; v4…v6 are gone, so each may have come from any of them.
    for (const id of ['s3', 's4', 's5', 's6']) expect(nodes[id]).toMatchObject({ version: 7, truncated: true });
    expect(nodes.s7).toMatchObject({ version: 8, truncated: false });
    expect(nodes.s25).toMatchObject({ version: 26, truncated: false });
  }, 60_000);

  it('should read a version stored before provenance was recorded as made by its author', async () => {
    const { workspaceId, owner, editor } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    await ok(kit.apply(flowId, editor, [addScreen('s1')], etag(1)));
    await kit.db.collection('flow_versions').updateMany({ flowId }, { $unset: { provenance: '' }, $set: { schemaVersion: 1 } });
    await dropCachedFlow(flowId);

    const { nodes } = await blameOf(flowId, owner);
    expect(nodes.s1).toMatchObject({ version: 2, author: { kind: 'user', userId: editor.id } });
    expect(nodes.start).toMatchObject({ version: 1, author: { kind: 'user', userId: owner.id } });
    expect((await kit.read(flowId, owner)).body?.provenance).toEqual({ kind: 'user', userId: editor.id });
  });
});

describe('the blame walk', () => {
  it('should read versions newest first, ten at a time, and stop once every element is attributed', async () => {
    const { workspaceId, owner, editor } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    for (let n = 1; n <= 24; n++) await ok(kit.apply(flowId, editor, [addScreen(`s${n}`, 400 + n * 10)], etag(n))); // v2…v25
    // The version store on a client of its own, to see the queries it sends.
    const env = kit.env as Record<string, string>;
    const client = new MongoClient(env.MONGODB_URI!, { monitorCommands: true });
    const queries: string[] = [];
    client.on('commandStarted', ({ commandName, command }) => {
      if (commandName === 'getMore' || (commandName === 'find' && command.sort)) queries.push(`${commandName} ${command.batchSize}`);
    });
    const ports: FlowsPorts = { ...runtime.use(flowPorts), versions: createFlowVersionStore(client.db(env.MONGODB_DB)) };
    const caller = { userId: owner.id, access: async () => 'granted' as const };
    try {
      // The start is as version 1 made it: the walk goes all the way, a batch of ten at a time.
      const whole = await createFlowBlameService(ports).blame(caller, flowId);
      expect({ queries, read: whole.versionsRead }).toEqual({ queries: ['find 10', 'getMore 10', 'getMore 10'], read: 25 });
      expect(whole.nodes.find((entry) => entry.id === 'start')).toMatchObject({ versionNumber: 1, truncated: false });

      // Once one version touched every node and the edge, only it and the one before are read: one batch, no more.
      const nodeIds = whole.nodes.map((entry) => entry.id);
      const touchAll: FlowOperation[] = [
        ...nodeIds.map((id): FlowOperation => ({ type: 'UPDATE_NODE', id, changes: { description: 'reviewed' } })),
        { type: 'UPDATE_EDGE', id: 'start-end', changes: { label: 'go' } },
      ];
      await ok(kit.apply(flowId, owner, touchAll, etag(25))); // v26
      queries.length = 0;
      const latest = await createFlowBlameService(ports).blame(caller, flowId);
      expect({ queries, read: latest.versionsRead }).toEqual({ queries: ['find 10'], read: 2 });
      expect(new Set([...latest.nodes, ...latest.edges].map((entry) => entry.versionNumber))).toEqual(new Set([26]));
    } finally {
      await client.close();
    }
  }, 60_000);
});
