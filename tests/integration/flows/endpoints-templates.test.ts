import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createTemplate from '../../../functions/flows/create-template.ts';
import listTemplates from '../../../functions/flows/list-templates.ts';
import listWorkspaceTemplates from '../../../functions/flows/list-workspace-templates.ts';
import { builtInTemplates } from '../../../shared/flows/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type Reply, type TestUser } from '../../support/workspace-kit.ts';
import { startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_templates');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

interface Template {
  id: string;
  builtIn: boolean;
  workspaceId: string | null;
  nodeCount: number;
}

const templates = (as: TestUser, query = '') => kit.call(listTemplates, `/v1/templates${query}`, as);
const saved = (workspaceId: string, as: TestUser) => kit.call(listWorkspaceTemplates, `/v1/workspaces/${workspaceId}/templates`, as);
const itemsOf = (reply: Reply) => (reply.body?.items ?? []) as Template[];
const save = (workspaceId: string, as: TestUser, body: Record<string, unknown>) =>
  kit.call(createTemplate, `/v1/workspaces/${workspaceId}/templates`, as, { method: 'POST', body });
const builtInIds = builtInTemplates.map((template) => template.id);

/** A team whose owner saved one template from a flow of theirs. */
const teamWithTemplate = async () => {
  const team = await kit.team();
  const flowId = await kit.newFlow(team.workspaceId, team.owner, { name: 'Login', templateId: 'builtin-login' });
  const saved = await save(team.workspaceId, team.owner, { flowId, name: 'Our login', description: 'With SSO' });
  if (saved.status !== 201) throw new Error(`saving a template answered ${saved.status}: ${saved.text}`);
  return { ...team, flowId, templateId: saved.body?.id as string };
};

describe('GET /v1/templates', () => {
  it('should list the 8 built-in templates, publicly cacheable, when no workspace is named and no credential is sent', async () => {
    const { stranger } = await kit.team();
    const reply = await templates({ ...stranger, token: '' });
    expect(reply.status).toBe(200);
    expect(itemsOf(reply).map((item) => item.id)).toEqual(builtInIds);
    expect(builtInIds).toHaveLength(8);
    expect(itemsOf(reply).every((item) => item.builtIn && item.workspaceId === null && item.nodeCount > 0)).toBe(true);
    expect(reply.headers.get('cache-control')).toMatch(/\bpublic\b/);
  });

  it('should ignore an invalid token when no workspace is named', async () => {
    const { owner } = await kit.team();
    expect(itemsOf(await templates({ ...owner, token: 'not.a.jwt' })).map((item) => item.id)).toEqual(builtInIds);
  });

  it('should answer 400 WORKSPACE_TEMPLATES_MOVED, pointing at the guarded route, when a workspace is named', async () => {
    const { workspaceId, viewer } = await teamWithTemplate();
    for (const as of [viewer, { ...viewer, token: '' }]) {
      const reply = await templates(as, `?workspaceId=${workspaceId}`);
      expect(outcome(reply)).toEqual({ status: 400, code: 'WORKSPACE_TEMPLATES_MOVED' });
      expect(reply.body?.location).toBe(`/v1/workspaces/${workspaceId}/templates`);
      expect(reply.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('GET /v1/workspaces/{workspaceId}/templates', () => {
  it('should list the workspace’s own templates only, privately, to a member', async () => {
    const { workspaceId, viewer, templateId } = await teamWithTemplate();
    await teamWithTemplate(); // another workspace's template must not show
    const reply = await saved(workspaceId, viewer);
    expect(reply.status).toBe(200);
    expect(itemsOf(reply).map((item) => item.id)).toEqual([templateId]);
    expect(itemsOf(reply)[0]).toMatchObject({ name: 'Our login', description: 'With SSO', builtIn: false, workspaceId, category: null });
    expect(reply.body?.nextCursor).toBeNull();
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['a stranger', 'stranger', 'valid', 404, 'WORKSPACE_NOT_FOUND'],
    ['no token', 'owner', '', 401, 'UNAUTHENTICATED'],
    ['an invalid token', 'owner', 'not.a.jwt', 401, 'INVALID_TOKEN'],
  ] as const)('should refuse a workspace’s templates to %s', async (_case, who, token, status, code) => {
    const team = await teamWithTemplate();
    const as = token === 'valid' ? team[who] : { ...team[who], token };
    expect(outcome(await saved(team.workspaceId, as))).toEqual({ status, code });
  });
});

describe('POST /v1/workspaces/{workspaceId}/templates', () => {
  it('should save the flow’s latest version with its node count', async () => {
    const { workspaceId, editor, flowId } = await teamWithTemplate();
    const reply = await save(workspaceId, editor, { flowId, name: 'Copy for later' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ name: 'Copy for later', description: '', builtIn: false, workspaceId });
    const stored = await kit.db.collection('flow_templates').findOne({ _id: reply.body?.id as never });
    expect(stored).toMatchObject({ workspaceId, sourceFlowId: flowId, createdBy: editor.id });
  });

  it('should answer 404 FLOW_NOT_FOUND when the flow belongs to another workspace', async () => {
    const mine = await teamWithTemplate();
    const other = await kit.workspace({ owner: [mine.owner] });
    expect(outcome(await save(other, mine.owner, { flowId: mine.flowId, name: 'Moved' }))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect(await kit.db.collection('flow_templates').countDocuments({ workspaceId: other })).toBe(0);
  });

  it.each([
    ['a viewer', 'viewer', 403, 'PERMISSION_DENIED'],
    ['a stranger', 'stranger', 404, 'WORKSPACE_NOT_FOUND'],
  ] as const)('should refuse a template saved by %s', async (_case, who, status, code) => {
    const team = await teamWithTemplate();
    expect(outcome(await save(team.workspaceId, team[who], { flowId: team.flowId, name: 'Nope' }))).toEqual({ status, code });
  });

  it('should answer 400 VALIDATION_FAILED when the name is missing', async () => {
    const { workspaceId, owner, flowId } = await teamWithTemplate();
    expect(outcome(await save(workspaceId, owner, { flowId }))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
