import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import definition from '../../../functions/privacy/audit-workspace.ts';
import { testDatabase } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type WorkspaceKit } from '../../support/workspace-kit.ts';

let kit: WorkspaceKit;
beforeAll(async () => {
  kit = await startWorkspaceKit(testDatabase('it_privacy_audit_workspace'));
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

describe('GET /v1/workspaces/{workspaceId}/audit-workspace', () => {
  it('should answer 200 when a member of the workspace asks', async () => {
    const { owner } = await kit.users('owner');
    const workspaceId = await kit.workspace({ owner: [owner] });
    expect((await kit.call(definition, `/v1/workspaces/${workspaceId}/audit-workspace`, owner)).status).toBe(200);
  });

  it('should answer 404 WORKSPACE_NOT_FOUND when someone outside the workspace asks', async () => {
    const { owner, stranger } = await kit.users('owner', 'stranger');
    const workspaceId = await kit.workspace({ owner: [owner] });
    const reply = await kit.call(definition, `/v1/workspaces/${workspaceId}/audit-workspace`, stranger);
    expect(outcome(reply)).toEqual({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
  });

  // TODO(scaffold): the behaviour this function adds, as it('should <outcome> when <condition>').
  it.todo('should <outcome> when <condition>');
});
