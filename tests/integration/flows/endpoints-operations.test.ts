import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import applyOperations from '../../../functions/flows/apply-operations.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome } from '../../support/workspace-kit.ts';
import { documentOf, etag, rulesIn, storedVersions, addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_operations');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

/** A team and a blank flow of theirs (start → end) at version 1. */
const blank = async () => {
  const team = await kit.team();
  return { ...team, flowId: await kit.newFlow(team.workspaceId, team.owner) };
};

/** The flow is still at `versionNumber`, as read and as stored. */
const expectUnchanged = async (flowId: string, owner: Parameters<FlowKit['read']>[1], versionNumber: number) => {
  const read = await kit.read(flowId, owner);
  expect(read.body?.version).toBe(versionNumber);
  expect(await storedVersions(kit.db, flowId)).toEqual(Array.from({ length: versionNumber }, (_, index) => index + 1));
  return read;
};

describe('POST /v1/flows/{flowId}/operations', () => {
  it('should store the batch as the next version with a new ETag when If-Match is current', async () => {
    const { flowId, editor, owner } = await blank();
    const reply = await kit.apply(
      flowId,
      editor,
      [
        addScreen('pay'),
        { type: 'DELETE_EDGE', id: 'start-end' },
        { type: 'ADD_EDGE', edge: { id: 'to-pay', source: 'start', target: 'pay', trigger: 'onLoad' } },
        { type: 'ADD_EDGE', edge: { id: 'paid', source: 'pay', target: 'end', trigger: 'onSubmit' } },
      ],
      etag(1),
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe(etag(2));
    expect(reply.body).toEqual({ version: 2, warnings: [] });
    const read = await kit.read(flowId, owner);
    expect(read.headers.get('etag')).toBe(etag(2));
    expect(documentOf(read).nodes.map((node) => node.id)).toEqual(['start', 'end', 'pay']);
    expect(documentOf(read).edges.map((edge) => edge.id)).toEqual(['to-pay', 'paid']);
    expect(await kit.db.collection('flows').findOne({ _id: flowId as never })).toMatchObject({ versionNumber: 2, nodeCount: 3 });
  });

  it('should accept a weak ETag when it names the current version', async () => {
    const { flowId, owner } = await blank();
    const reply = await kit.apply(flowId, owner, [addScreen('a')], 'W/"v1"');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe(etag(2));
    expect((await kit.read(flowId, owner)).body?.version).toBe(2);
  });

  it('should accept a list of ETags when one of them is the current version (docs/flows.md)', async () => {
    const { flowId, owner } = await blank();
    expect((await kit.apply(flowId, owner, [addScreen('a')], `${etag(9)}, ${etag(1)}`)).status).toBe(200);
    expect((await kit.read(flowId, owner)).body?.version).toBe(2);
  });

  it('should answer 412 VERSION_CONFLICT with the current version when If-Match is stale', async () => {
    const { flowId, owner, editor } = await blank();
    expect((await kit.apply(flowId, editor, [addScreen('first')], etag(1))).status).toBe(200);
    const stale = await kit.apply(flowId, owner, [addScreen('second')], etag(1));
    expect(outcome(stale)).toEqual({ status: 412, code: 'VERSION_CONFLICT' });
    expect(stale.body).toMatchObject({ currentVersion: 2 });
    expect(outcome(await kit.apply(flowId, owner, [addScreen('second')], '"not-ours"'))).toEqual({ status: 412, code: 'VERSION_CONFLICT' });
    await expectUnchanged(flowId, owner, 2);
  });

  it.each([
    ['no If-Match', undefined],
    ['If-Match: *', '*'],
    ['an empty If-Match', ''],
  ])('should answer 428 IF_MATCH_REQUIRED when the request has %s', async (_case, ifMatch) => {
    const { flowId, owner } = await blank();
    expect(outcome(await kit.apply(flowId, owner, [addScreen('x')], ifMatch))).toEqual({ status: 428, code: 'IF_MATCH_REQUIRED' });
    await expectUnchanged(flowId, owner, 1);
  });

  it('should answer 422 OPERATIONS_FAILED listing each failed operation and change nothing when one cannot apply', async () => {
    const { flowId, owner } = await blank();
    const reply = await kit.apply(
      flowId,
      owner,
      [
        addScreen('fine'),
        { type: 'DELETE_NODE', id: 'ghost' },
        addScreen('fine'),
        { type: 'ADD_EDGE', edge: { id: 'dangling', source: 'start', target: 'nowhere' } },
      ],
      etag(1),
    );
    expect(outcome(reply)).toEqual({ status: 422, code: 'OPERATIONS_FAILED' });
    expect(reply.body?.failures).toEqual([
      expect.objectContaining({ index: 1, type: 'DELETE_NODE', rule: 'NODE_NOT_FOUND' }),
      expect.objectContaining({ index: 2, type: 'ADD_NODE', rule: 'DUPLICATE_ID' }),
      expect.objectContaining({ index: 3, type: 'ADD_EDGE', rule: 'EDGE_NODE_NOT_FOUND' }),
    ]);
    const read = await expectUnchanged(flowId, owner, 1);
    expect(documentOf(read).nodes.map((node) => node.id)).toEqual(['start', 'end']);
  });

  it('should answer 422 FLOW_INVALID with the broken rules and store nothing when the result has no start node', async () => {
    const { flowId, owner } = await blank();
    const reply = await kit.apply(flowId, owner, [{ type: 'DELETE_NODE', id: 'start' }], etag(1));
    expect(outcome(reply)).toEqual({ status: 422, code: 'FLOW_INVALID' });
    expect(rulesIn(reply, 'errors')).toEqual(['NO_START_NODE']);
    await expectUnchanged(flowId, owner, 1);
  });

  it('should answer 422 FLOW_INVALID when the result has more than two edges per node', async () => {
    const { flowId, owner } = await blank();
    const edges = ['e1', 'e2', 'e3', 'e4'].map((id) => ({ type: 'ADD_EDGE', edge: { id, source: 'start', target: 'end' } }));
    const reply = await kit.apply(flowId, owner, edges, etag(1));
    expect(outcome(reply)).toEqual({ status: 422, code: 'FLOW_INVALID' });
    expect(rulesIn(reply, 'errors')).toEqual(['TOO_MANY_EDGES']);
    await expectUnchanged(flowId, owner, 1);
  });

  it.each([
    ['an operation without its payload', { operations: [{ type: 'ADD_NODE' }] }],
    ['an unknown operation type', { operations: [{ type: 'EXPLODE' }] }],
    [
      'a node of an unknown type',
      { operations: [{ type: 'ADD_NODE', node: { id: 'x', type: 'window', title: 'X', position: { x: 0, y: 0 } } }] },
    ],
    ['an empty batch', { operations: [] }],
    ['no operations at all', {}],
  ])('should answer 400 VALIDATION_FAILED when the body has %s', async (_case, body) => {
    const { flowId, owner } = await blank();
    const reply = await kit.call(applyOperations, `/v1/flows/${flowId}/operations`, owner, {
      method: 'POST',
      body,
      headers: { 'if-match': etag(1) },
    });
    expect(outcome(reply)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    await expectUnchanged(flowId, owner, 1);
  });

  it.each([
    ['a viewer', 'viewer', 403, 'PERMISSION_DENIED'],
    ['a stranger', 'stranger', 404, 'FLOW_NOT_FOUND'],
  ] as const)('should refuse the batch when the caller is %s', async (_case, who, status, code) => {
    const team = await blank();
    expect(outcome(await kit.apply(team.flowId, team[who], [addScreen('x')], etag(1)))).toEqual({ status, code });
    await expectUnchanged(team.flowId, team.owner, 1);
  });

  it('should answer 404 FLOW_NOT_FOUND when the flow does not exist', async () => {
    const { owner } = await kit.team();
    expect(outcome(await kit.apply(newId('flw'), owner, [addScreen('x')], etag(1)))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
  });

  it('should lay the flow out as a new version when AUTO_LAYOUT hierarchical is applied', async () => {
    const team = await kit.team();
    const flowId = await kit.newFlow(team.workspaceId, team.owner, { name: 'Sign-up', templateId: 'builtin-sign-up' });
    const before = documentOf(await kit.read(flowId, team.owner));
    const reply = await kit.apply(flowId, team.editor, [{ type: 'AUTO_LAYOUT', algorithm: 'hierarchical' }], etag(1));
    expect(outcome(reply)).toEqual({ status: 200, code: undefined });
    expect(reply.body).toMatchObject({ version: 2 });
    const after = documentOf(await kit.read(flowId, team.owner));
    expect(after.nodes.map((node) => node.id)).toEqual(before.nodes.map((node) => node.id));
    expect(after.edges).toEqual(before.edges);
  });
});
