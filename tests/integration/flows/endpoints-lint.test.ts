import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createApiKey from '../../../functions/identity/create-api-key.ts';
import deleteFlow from '../../../functions/flows/delete.ts';
import lint from '../../../functions/flows/lint.ts';
import type { LintFinding } from '../../../shared/flows/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { etag } from '../../support/flow-kit.ts';
import { addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_lint');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const lintOf = (flowId: string, as: TestUser) => kit.call(lint, `/v1/flows/${flowId}/lint`, as);
const findingsOf = (reply: Awaited<ReturnType<typeof lintOf>>) => (reply.body?.findings ?? []) as LintFinding[];

describe('GET /v1/flows/{flowId}/lint', () => {
  it('should answer no findings, with the linted version’s ETag, for a flow made from a built-in template', async () => {
    const { workspaceId, owner, viewer } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner, { name: 'Checkout', templateId: 'builtin-checkout' });
    const reply = await lintOf(flowId, viewer);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ version: 1, findings: [] });
    expect(reply.headers.get('etag')).toBe(etag(1));
  });

  it('should report a dead-end screen with a fix that, applied through the operations endpoint, clears it', async () => {
    const { workspaceId, owner, editor } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    expect((await kit.apply(flowId, editor, [addScreen('lost')], etag(1))).status).toBe(200);
    const reply = await lintOf(flowId, editor);
    const rules = findingsOf(reply).map((found) => found.rule);
    expect(rules).toEqual(expect.arrayContaining(['SCREEN_UNREACHABLE', 'DEAD_END_SCREEN']));
    const deadEnd = findingsOf(reply).find((found) => found.rule === 'DEAD_END_SCREEN');
    expect(deadEnd).toMatchObject({ severity: 'error', nodeIds: ['lost'] });
    expect((await kit.apply(flowId, editor, deadEnd?.fix ?? [], etag(2))).status).toBe(200);
    const after = await lintOf(flowId, editor);
    expect(after.body?.version).toBe(3);
    expect(findingsOf(after).map((found) => found.rule)).toEqual(['SCREEN_UNREACHABLE']);
  });

  it('should answer a workspace API key with flows:read', async () => {
    const { workspaceId, owner } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    const created = await kit.call(createApiKey, `/v1/workspaces/${workspaceId}/api-keys`, owner, {
      method: 'POST',
      body: { name: 'ci lint', permissions: ['flows:read'] },
    });
    expect(created.status).toBe(201);
    const reply = await lintOf(flowId, { ...owner, token: created.body?.key as string });
    expect(reply.status).toBe(200);
    expect(findingsOf(reply)).toEqual([]);
  });

  it.each([
    ['a stranger', 'stranger', 'valid', 404, 'FLOW_NOT_FOUND'],
    ['no token', 'viewer', '', 401, 'UNAUTHENTICATED'],
  ] as const)('should refuse %s', async (_case, who, token, status, code) => {
    const team = await kit.team();
    const flowId = await kit.newFlow(team.workspaceId, team.owner);
    const as = token === 'valid' ? team[who] : { ...team[who], token };
    expect(outcome(await lintOf(flowId, as))).toEqual({ status, code });
  });

  it('should answer 404 FLOW_NOT_FOUND for a deleted flow', async () => {
    const { workspaceId, owner } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    expect((await kit.call(deleteFlow, `/v1/flows/${flowId}`, owner, { method: 'DELETE' })).status).toBe(204);
    expect(outcome(await lintOf(flowId, owner))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
  });
});
