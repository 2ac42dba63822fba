import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deleteFlow from '../../../functions/flows/delete.ts';
import listFlows from '../../../functions/flows/list.ts';
import undeleteFlow from '../../../functions/flows/undelete.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { etag, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_lifecycle');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const remove = (flowId: string, as: TestUser) => kit.call(deleteFlow, `/v1/flows/${flowId}`, as, { method: 'DELETE' });
const undelete = (flowId: string, as: TestUser) => kit.call(undeleteFlow, `/v1/flows/${flowId}/undelete`, as, { method: 'POST' });
const listedIds = async (workspaceId: string, as: TestUser) =>
  ((await kit.call(listFlows, `/v1/workspaces/${workspaceId}/flows`, as)).body?.items as { id: string }[]).map((item) => item.id);
const storedKinds = async (flowId: string) =>
  (await kit.db.collection('flow_versions').find({ flowId }).sort({ versionNumber: 1 }).toArray()).map((found) => found.kind as string);

describe('DELETE /v1/flows/{flowId} and POST /v1/flows/{flowId}/undelete', () => {
  it('should hide a deleted flow and bring it back as a newer version when an editor undeletes it', async () => {
    const { workspaceId, owner, editor } = await kit.team();
    const id = await kit.newFlow(workspaceId, owner);
    const kept = await kit.newFlow(workspaceId, owner);

    const deleted = await remove(id, editor);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(outcome(await kit.read(id, owner))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect(await listedIds(workspaceId, owner)).toEqual([kept]);
    expect(await kit.db.collection('flows').findOne({ _id: id as never })).toMatchObject({ versionNumber: 2, deletedAt: expect.any(Date) });

    const back = await undelete(id, editor);
    expect(back.status).toBe(200);
    expect(back.headers.get('etag')).toBe(etag(3));
    expect(back.body).toMatchObject({ version: 3 });
    const read = await kit.read(id, owner);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ version: 3, kind: 'undeleted', updatedBy: editor.id });
    expect(await listedIds(workspaceId, owner)).toContain(id);
    expect(await storedKinds(id)).toEqual(['created', 'deleted', 'undeleted']);
    expect(await kit.db.collection('flows').findOne({ _id: id as never })).toMatchObject({ versionNumber: 3, deletedAt: null });
  });

  it('should keep the document through a delete and an undelete', async () => {
    const { workspaceId, owner } = await kit.team();
    const id = await kit.newFlow(workspaceId, owner, { name: 'Login', templateId: 'builtin-login' });
    const before = (await kit.read(id, owner)).body?.document as { nodes: unknown[]; edges: unknown[] };
    await remove(id, owner);
    await undelete(id, owner);
    const after = (await kit.read(id, owner)).body?.document as { nodes: unknown[]; edges: unknown[] };
    expect(after.nodes).toEqual(before.nodes);
    expect(after.edges).toEqual(before.edges);
  });

  it('should answer 409 FLOW_NOT_DELETED when the flow is not deleted', async () => {
    const { workspaceId, owner } = await kit.team();
    const id = await kit.newFlow(workspaceId, owner);
    expect(outcome(await undelete(id, owner))).toEqual({ status: 409, code: 'FLOW_NOT_DELETED' });
    expect(await storedKinds(id)).toEqual(['created']);
  });

  it('should answer 404 FLOW_NOT_FOUND when the flow is deleted twice or never existed', async () => {
    const { workspaceId, owner } = await kit.team();
    const id = await kit.newFlow(workspaceId, owner);
    expect((await remove(id, owner)).status).toBe(204);
    expect(outcome(await remove(id, owner))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect(await storedKinds(id)).toEqual(['created', 'deleted']);
    expect(outcome(await remove(newId('flw'), owner))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect(outcome(await undelete(newId('flw'), owner))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
  });

  it('should answer 404 FLOW_NOT_FOUND when the deletion is more than 30 days old, and undelete within them', async () => {
    const { workspaceId, owner } = await kit.team();
    const [old, recent] = [await kit.newFlow(workspaceId, owner), await kit.newFlow(workspaceId, owner)];
    await remove(old, owner);
    await remove(recent, owner);
    await kit.ageDeletion(old, 2, 31);
    await kit.ageDeletion(recent, 2, 29);

    expect(outcome(await undelete(old, owner))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect(await storedKinds(old)).toEqual(['created', 'deleted']);
    expect((await undelete(recent, owner)).status).toBe(200);
    expect(await listedIds(workspaceId, owner)).toEqual([recent]);
  });

  it.each([
    ['a viewer', 'viewer', 403, 'PERMISSION_DENIED'],
    ['a stranger', 'stranger', 404, 'FLOW_NOT_FOUND'],
  ] as const)('should refuse a delete and an undelete when the caller is %s', async (_case, who, status, code) => {
    const team = await kit.team();
    const id = await kit.newFlow(team.workspaceId, team.owner);
    expect(outcome(await remove(id, team[who]))).toEqual({ status, code });
    expect((await kit.read(id, team.owner)).status).toBe(200);
    await remove(id, team.owner);
    expect(outcome(await undelete(id, team[who]))).toEqual({ status, code });
    expect(await storedKinds(id)).toEqual(['created', 'deleted']);
  });
});
