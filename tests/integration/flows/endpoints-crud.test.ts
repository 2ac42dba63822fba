import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createTemplate from '../../../functions/flows/create-template.ts';
import deleteFlow from '../../../functions/flows/delete.ts';
import duplicateFlow from '../../../functions/flows/duplicate.ts';
import { findBuiltInTemplate } from '../../../shared/flows/index.ts';
import { idPattern, newId } from '../../../shared/kernel/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome } from '../../support/workspace-kit.ts';
import { documentOf, etag, rulesIn, storedCounts, addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_crud');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const nodeIds = (reply: Awaited<ReturnType<FlowKit['read']>>) => documentOf(reply).nodes.map((node) => node.id);

describe('POST /v1/workspaces/{workspaceId}/flows', () => {
  it('should store a valid blank flow at version 1 when no template is named', async () => {
    const { workspaceId, editor } = await kit.team();
    const reply = await kit.createIn(workspaceId, editor, { name: 'Checkout', description: 'Pay for the cart' });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('etag')).toBe(etag(1));
    expect(reply.body).toMatchObject({
      workspaceId,
      name: 'Checkout',
      description: 'Pay for the cart',
      tags: [],
      nodeCount: 2,
      version: 1,
      createdBy: editor.id,
      updatedBy: editor.id,
      warnings: [],
    });
    const id = reply.body?.id as string;
    expect(id).toMatch(idPattern('flw'));
    expect(await kit.db.collection('flows').findOne({ _id: id as never })).toMatchObject({
      workspaceId,
      versionNumber: 1,
      deletedAt: null,
    });
    expect(await storedCounts(kit.db, workspaceId)).toEqual({ flows: 1, versions: 1 });
    const read = await kit.read(id, editor);
    expect(documentOf(read)).toMatchObject({
      metadata: { schemaVersion: '2.0', flowName: 'Checkout', version: '1.0.0' },
      nodes: [{ type: 'start' }, { type: 'end' }],
    });
    expect(read.body?.warnings).toEqual([]);
  });

  it('should copy the built-in template under the new name when templateId is builtin-login', async () => {
    const template = findBuiltInTemplate('builtin-login');
    const { workspaceId, owner } = await kit.team();
    const reply = await kit.createIn(workspaceId, owner, { name: 'Our login', templateId: 'builtin-login' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ name: 'Our login', nodeCount: template?.document.nodes.length, version: 1, warnings: [] });
    const read = await kit.read(reply.body?.id as string, owner);
    expect(nodeIds(read)).toEqual(template?.document.nodes.map((node) => node.id));
    expect(documentOf(read).metadata.flowName).toBe('Our login');
  });

  it('should create from a saved workspace template only in the workspace that saved it', async () => {
    const { workspaceId, owner } = await kit.team();
    const source = await kit.newFlow(workspaceId, owner);
    expect((await kit.apply(source, owner, [addScreen('review')], etag(1))).status).toBe(200);
    const saved = await kit.call(createTemplate, `/v1/workspaces/${workspaceId}/templates`, owner, {
      method: 'POST',
      body: { flowId: source, name: 'Reviewed checkout' },
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ builtIn: false, nodeCount: 3, workspaceId });
    const templateId = saved.body?.id as string;
    expect(templateId).toMatch(/^tpl_/);

    const created = await kit.createIn(workspaceId, owner, { name: 'From our template', templateId });
    expect(created.status).toBe(201);
    expect(nodeIds(await kit.read(created.body?.id as string, owner))).toEqual(['start', 'end', 'review']);

    const elsewhere = await kit.workspace({ owner: [owner] });
    expect(outcome(await kit.createIn(elsewhere, owner, { name: 'Borrowed', templateId }))).toEqual({
      status: 404,
      code: 'TEMPLATE_NOT_FOUND',
    });
  });

  it.each([
    ['an unknown built-in template', { name: 'X', templateId: 'builtin-nope' }, 404, 'TEMPLATE_NOT_FOUND'],
    ['an unknown workspace template', { name: 'X', templateId: newId('tpl') }, 404, 'TEMPLATE_NOT_FOUND'],
    ['a blank name', { name: '   ' }, 400, 'VALIDATION_FAILED'],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, 400, 'VALIDATION_FAILED'],
    ['a template id of no known shape', { name: 'X', templateId: 'login' }, 400, 'VALIDATION_FAILED'],
  ])('should refuse the creation and store nothing when the body has %s', async (_case, body, status, code) => {
    const { workspaceId, owner } = await kit.team();
    expect(outcome(await kit.createIn(workspaceId, owner, body))).toEqual({ status, code });
    expect(await storedCounts(kit.db, workspaceId)).toEqual({ flows: 0, versions: 0 });
  });

  it.each([
    ['a viewer', 'viewer', 403, 'PERMISSION_DENIED'],
    ['a stranger', 'stranger', 404, 'WORKSPACE_NOT_FOUND'],
  ] as const)('should refuse the creation when the caller is %s', async (_case, who, status, code) => {
    const team = await kit.team();
    expect(outcome(await kit.createIn(team.workspaceId, team[who]))).toEqual({ status, code });
    expect(await storedCounts(kit.db, team.workspaceId)).toEqual({ flows: 0, versions: 0 });
  });
});

describe('GET /v1/flows/{flowId}', () => {
  it('should send an ETag matching the version and the version’s author when the flow was edited', async () => {
    const { workspaceId, owner, editor, viewer } = await kit.team();
    const id = await kit.newFlow(workspaceId, owner);
    await kit.apply(id, editor, [{ type: 'UPDATE_NODE', id: 'end', changes: { title: 'Paid' } }], etag(1));
    const read = await kit.read(id, viewer);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(etag(2));
    expect(read.body).toMatchObject({ id, workspaceId, version: 2, kind: 'edited', updatedBy: editor.id });
    expect(documentOf(read).metadata.version).toBe('2.0.0');
  });

  it('should list the current warnings when the flow has a dead end', async () => {
    const { workspaceId, owner } = await kit.team();
    const id = await kit.newFlow(workspaceId, owner);
    expect((await kit.apply(id, owner, [addScreen('lonely')], etag(1))).status).toBe(200);
    const read = await kit.read(id, owner);
    expect(rulesIn(read, 'warnings')).toContain('DEAD_END');
    expect(read.body?.warnings).toContainEqual(expect.objectContaining({ rule: 'DEAD_END', ids: ['lonely'] }));
  });

  it('should answer 404 FLOW_NOT_FOUND when the caller is a stranger, the id is unknown or the flow is deleted', async () => {
    const { workspaceId, owner, stranger } = await kit.team();
    const id = await kit.newFlow(workspaceId, owner);
    expect(outcome(await kit.read(id, stranger))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect(outcome(await kit.read(newId('flw'), owner))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect((await kit.call(deleteFlow, `/v1/flows/${id}`, owner, { method: 'DELETE' })).status).toBe(204);
    expect(outcome(await kit.read(id, owner))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
  });

  it('should answer 400 VALIDATION_FAILED when the id is not a flow id', async () => {
    const { owner } = await kit.team();
    expect(outcome(await kit.read('wsp_notaflow', owner))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('POST /v1/flows/{flowId}/duplicate', () => {
  const duplicate = (flowId: string, as: Parameters<FlowKit['read']>[1]) =>
    kit.call(duplicateFlow, `/v1/flows/${flowId}/duplicate`, as, { method: 'POST' });

  it('should copy the latest version into a new flow named “Copy of …” when an editor duplicates it', async () => {
    const { workspaceId, owner, editor } = await kit.team();
    const source = await kit.newFlow(workspaceId, owner, { name: 'Checkout', templateId: 'builtin-checkout' });
    await kit.apply(source, owner, [addScreen('upsell')], etag(1));
    const reply = await duplicate(source, editor);
    expect(reply.status).toBe(201);
    expect(reply.headers.get('etag')).toBe(etag(1));
    const copy = reply.body?.id as string;
    expect(copy).not.toBe(source);
    expect(reply.body).toMatchObject({ workspaceId, name: 'Copy of Checkout', version: 1, createdBy: editor.id });
    const [original, copied] = [await kit.read(source, owner), await kit.read(copy, owner)];
    expect(documentOf(copied).nodes).toEqual(documentOf(original).nodes);
    expect(documentOf(copied).edges).toEqual(documentOf(original).edges);
    expect(copied.body).toMatchObject({ kind: 'duplicated', version: 1 });
    expect(await kit.db.collection('flow_versions').findOne({ _id: `${copy}:1` as never })).toMatchObject({ sourceId: source });
  });

  it.each([
    ['a viewer', 'viewer', 403, 'PERMISSION_DENIED'],
    ['a stranger', 'stranger', 404, 'FLOW_NOT_FOUND'],
  ] as const)('should refuse the copy when the caller is %s', async (_case, who, status, code) => {
    const team = await kit.team();
    const source = await kit.newFlow(team.workspaceId, team.owner);
    expect(outcome(await duplicate(source, team[who]))).toEqual({ status, code });
    expect(await storedCounts(kit.db, team.workspaceId)).toEqual({ flows: 1, versions: 1 });
  });
});
