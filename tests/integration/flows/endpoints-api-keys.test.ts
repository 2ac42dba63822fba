import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createApiKey from '../../../functions/identity/create-api-key.ts';
import listFlows from '../../../functions/flows/list.ts';
import validateFlow from '../../../functions/flows/validate.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { etag, addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_api_keys');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

/** The owner's workspace with a flow, the same owner's second workspace with a flow, and a key of the first. */
const keyed = async (permissions: string[]) => {
  const team = await kit.team();
  const flowId = await kit.newFlow(team.workspaceId, team.owner);
  const otherWorkspace = await kit.workspace({ owner: [team.owner] });
  const otherFlow = await kit.newFlow(otherWorkspace, team.owner);
  const created = await kit.call(createApiKey, `/v1/workspaces/${team.workspaceId}/api-keys`, team.owner, {
    method: 'POST',
    body: { name: 'figma plugin', permissions },
  });
  if (created.status !== 201) throw new Error(`creating the key answered ${created.status}: ${created.text}`);
  const key: TestUser = { ...team.owner, token: created.body?.key as string };
  return { ...team, flowId, otherWorkspace, otherFlow, key };
};

describe('flow endpoints called with a workspace API key', () => {
  it('should read the key’s workspace flows and nothing of the creator’s other workspaces', async () => {
    const { workspaceId, flowId, otherWorkspace, otherFlow, key } = await keyed(['flows:read']);
    expect((await kit.read(flowId, key)).status).toBe(200);
    expect((await kit.call(listFlows, `/v1/workspaces/${workspaceId}/flows`, key)).status).toBe(200);
    expect(outcome(await kit.read(otherFlow, key))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect(outcome(await kit.call(listFlows, `/v1/workspaces/${otherWorkspace}/flows`, key))).toEqual({
      status: 404,
      code: 'WORKSPACE_NOT_FOUND',
    });
  });

  it('should answer 403 PERMISSION_DENIED when the key lacks the permission, even though its creator has it', async () => {
    const { flowId, key, owner } = await keyed(['flows:read']);
    expect(outcome(await kit.apply(flowId, key, [addScreen('x')], etag(1)))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    expect((await kit.read(flowId, owner)).body?.version).toBe(1);
  });

  it('should write as the key’s creator when the key carries flows:update', async () => {
    const { flowId, key, owner } = await keyed(['flows:read', 'flows:update']);
    expect((await kit.apply(flowId, key, [addScreen('from-figma')], etag(1))).status).toBe(200);
    expect((await kit.read(flowId, owner)).body).toMatchObject({ version: 2, updatedBy: owner.id });
  });

  it('should answer 401 API_KEY_NOT_ACCEPTED when the endpoint takes only access tokens', async () => {
    const { key } = await keyed(['flows:read']);
    const reply = await kit.call(validateFlow, '/v1/flows/validate', key, { method: 'POST', body: {} });
    expect(outcome(reply)).toEqual({ status: 401, code: 'API_KEY_NOT_ACCEPTED' });
  });
});
