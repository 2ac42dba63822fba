import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createSnapshot from '../../../functions/flows/create-snapshot.ts';
import deleteFlow from '../../../functions/flows/delete.ts';
import undeleteFlow from '../../../functions/flows/undelete.ts';
import type { FlowSystemService } from '../../../shared/flows/index.ts';
import { flowSystem } from '../../../shared/infra/flows/flow-system-resource.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import type { TestUser } from '../../support/workspace-kit.ts';
import { startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;
let runtime: Runtime;
let system: FlowSystemService;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_system');
  runtime = createRuntime({ name: 'flows-system-it', uses: [flowSystem] }, kit.env);
  system = runtime.use(flowSystem);
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.close();
  await kit.close();
});

const remove = (flowId: string, as: TestUser) => kit.call(deleteFlow, `/v1/flows/${flowId}`, as, { method: 'DELETE' });
const stored = async (flowId: string) => ({
  heads: await kit.db.collection('flows').countDocuments({ _id: flowId as never }),
  versions: await kit.db.collection('flow_versions').countDocuments({ flowId }),
  snapshots: await kit.db.collection('flow_snapshots').countDocuments({ flowId }),
});
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

describe('the flow system service', () => {
  it('should load the latest version of any workspace’s flow, deleted or not, without a caller', async () => {
    const { workspaceId, owner } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    expect(await system.loadLatest(flowId)).toMatchObject({ flowId, workspaceId, versionNumber: 1, kind: 'created' });
    await remove(flowId, owner);
    expect(await system.loadLatest(flowId)).toMatchObject({ versionNumber: 2, kind: 'deleted' });
    expect(await system.loadLatest('flw_00000000000000000000')).toBeNull();
  });

  it('should list only the flows deleted before the date, the earliest deletion first', async () => {
    const { workspaceId, owner } = await kit.team();
    const [older, newer, recent, live] = [
      await kit.newFlow(workspaceId, owner),
      await kit.newFlow(workspaceId, owner),
      await kit.newFlow(workspaceId, owner),
      await kit.newFlow(workspaceId, owner),
    ];
    for (const flowId of [older, newer, recent]) await remove(flowId, owner);
    await kit.ageDeletion(older, 2, 40);
    await kit.ageDeletion(newer, 2, 35);
    const listed = (await system.listDeletedBefore(daysAgo(31), 100)).map((head) => head.id);
    expect(listed.filter((id) => [older, newer, recent, live].includes(id))).toEqual([older, newer]);
  });

  it('should purge every stored trace of a flow deleted more than 30 days ago, after which it is gone', async () => {
    const { workspaceId, owner } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    const named = await kit.call(createSnapshot, `/v1/flows/${flowId}/snapshots`, owner, { method: 'POST', body: { name: 'first' } });
    expect(named.status).toBe(201);
    await remove(flowId, owner);
    await kit.ageDeletion(flowId, 2, 31);

    expect(await system.purge(flowId)).toBe(true);
    expect(await stored(flowId)).toEqual({ heads: 0, versions: 0, snapshots: 0 });
    expect(await system.loadLatest(flowId)).toBeNull();
    expect((await kit.read(flowId, owner)).status).toBe(404);
    expect(await system.purge(flowId)).toBe(true);
  });

  it('should purge nothing while the flow can still be undeleted, nor a flow that is not deleted', async () => {
    const { workspaceId, owner } = await kit.team();
    const [recent, live, undeleted] = [
      await kit.newFlow(workspaceId, owner),
      await kit.newFlow(workspaceId, owner),
      await kit.newFlow(workspaceId, owner),
    ];
    await remove(recent, owner);
    await kit.ageDeletion(recent, 2, 29);
    await remove(undeleted, owner);
    expect((await kit.call(undeleteFlow, `/v1/flows/${undeleted}/undelete`, owner, { method: 'POST' })).status).toBe(200);

    for (const flowId of [recent, live, undeleted]) {
      const before = await stored(flowId);
      expect(await system.purge(flowId)).toBe(false);
      expect(await stored(flowId)).toEqual(before);
    }
    expect((await kit.read(live, owner)).status).toBe(200);
  });
});
