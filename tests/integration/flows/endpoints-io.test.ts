import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import exportFlow from '../../../functions/flows/export.ts';
import importFlow from '../../../functions/flows/import.ts';
import validateFlow from '../../../functions/flows/validate.ts';
import { findBuiltInTemplate, type FlowDocument } from '../../../shared/flows/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { documentOf, etag, rulesIn, storedCounts, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';
import { legacyDocument, legacyFixtures } from '../../unit/flows/legacy-fixtures.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_io');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

/** A valid 2.0 document (no errors, no warnings): the built-in login template. */
const loginDocument = (): FlowDocument => {
  const template = findBuiltInTemplate('builtin-login');
  if (!template) throw new Error('the built-in login template is missing');
  return template.document;
};
const withDanglingEdge = (): FlowDocument => {
  const doc = loginDocument();
  return { ...doc, edges: [...doc.edges, { id: 'dangling', source: 'start', target: 'nowhere' }] };
};

const validate = (body: unknown, as: TestUser) => kit.call(validateFlow, '/v1/flows/validate', as, { method: 'POST', body });
const download = (flowId: string, as: TestUser, format?: string) =>
  kit.call(exportFlow, `/v1/flows/${flowId}/export${format === undefined ? '' : `?format=${format}`}`, as);
const upload = (workspaceId: string, as: TestUser, body: unknown) =>
  kit.call(importFlow, `/v1/workspaces/${workspaceId}/flows/import`, as, { method: 'POST', body });

describe('POST /v1/flows/validate', () => {
  it('should find no error when the document is valid, and the rule when an edge leads nowhere', async () => {
    const { owner } = await kit.team();
    expect((await validate(loginDocument(), owner)).body).toEqual({ valid: true, errors: [], warnings: [] });
    const broken = await validate(withDanglingEdge(), owner);
    expect(broken.status).toBe(200);
    expect(broken.body?.valid).toBe(false);
    expect(rulesIn(broken, 'errors')).toEqual(['EDGE_MISSING_NODE']);
    expect(rulesIn(await validate({ hello: 'world' }, owner), 'errors')).toContain('SCHEMA_VIOLATION');
  });

  it.each([
    ['an array', [1, 2]],
    ['a string', 'flow'],
  ])('should answer 400 VALIDATION_FAILED when the body is %s', async (_case, body) => {
    const { owner } = await kit.team();
    expect(outcome(await validate(body, owner))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it.each([
    ['no token', '', 'UNAUTHENTICATED'],
    ['a token this server never issued', 'not.a.jwt', 'INVALID_TOKEN'],
  ])('should answer 401 when the request carries %s', async (_case, token, code) => {
    const { owner } = await kit.team();
    expect(outcome(await validate(loginDocument(), { ...owner, token }))).toEqual({ status: 401, code });
  });
});

describe('GET /v1/flows/{flowId}/export', () => {
  it('should download the document as .uxflow JSON under a sanitized file name when a viewer asks', async () => {
    const { workspaceId, owner, viewer } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner, { name: 'Café / Pay "now"', templateId: 'builtin-checkout' });
    const reply = await download(flowId, viewer);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/vnd\.uxflow\+json/);
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="Cafe-Pay-now.uxflow"');
    expect(reply.headers.get('etag')).toBe(etag(1));
    expect(JSON.parse(reply.text)).toEqual(documentOf(await kit.read(flowId, owner)));
    // The download is a signal for the mass-export rule (and the audit log's `data.exported`).
    const signals = await kit.db.collection('security_events').find({ type: 'data_exported', userId: viewer.id }).toArray();
    expect(signals.map((e) => e.details as unknown)).toEqual([{ reason: 'flow_export' }]);
  });

  it.each([
    ['mermaid', /^text\/vnd\.mermaid/, 'mmd', (text: string) => text.startsWith('flowchart')],
    ['svg', /^image\/svg\+xml/, 'svg', (text: string) => text.includes('<svg')],
  ])('should draw the flow as %s', async (format, type, extension, looksRight) => {
    const { workspaceId, owner } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner, { name: 'Sign up', templateId: 'builtin-sign-up' });
    const reply = await download(flowId, owner, format);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(type);
    expect(reply.headers.get('content-disposition')).toBe(`attachment; filename="Sign-up.${extension}"`);
    expect(reply.headers.get('content-security-policy')).toContain('sandbox');
    expect(looksRight(reply.text)).toBe(true);
  });

  it('should name the file “flow” when the flow’s name has no letter or digit', async () => {
    const { workspaceId, owner } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner, { name: '*** ***' });
    expect((await download(flowId, owner, 'uxflow')).headers.get('content-disposition')).toBe('attachment; filename="flow.uxflow"');
  });

  it('should answer 404 FLOW_NOT_FOUND to a stranger and 400 VALIDATION_FAILED to an unknown format', async () => {
    const { workspaceId, owner, stranger } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    expect(outcome(await download(flowId, stranger))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect(outcome(await download(flowId, owner, 'pdf'))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('POST /v1/workspaces/{workspaceId}/flows/import', () => {
  it('should store a 2.0 document as it is, without a migration', async () => {
    const { workspaceId, editor } = await kit.team();
    const reply = await upload(workspaceId, editor, loginDocument());
    expect(reply.status).toBe(201);
    expect(reply.headers.get('etag')).toBe(etag(1));
    expect(reply.body).toMatchObject({ workspaceId, name: loginDocument().metadata.flowName, version: 1, migration: null, warnings: [] });
    const read = await kit.read(reply.body?.id as string, editor);
    expect(read.body?.kind).toBe('imported');
    expect(documentOf(read)).toEqual(loginDocument());
  });

  it('should migrate a 1.x document, report the changes and store 2.0', async () => {
    const { workspaceId, owner } = await kit.team();
    const reply = await upload(workspaceId, owner, legacyDocument(legacyFixtures.backendLogin));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ name: 'Login with password reset', nodeCount: 9, migration: { from: '1.x' } });
    expect((reply.body?.migration as { changes: unknown[] }).changes.length).toBeGreaterThan(0);
    const stored = documentOf(await kit.read(reply.body?.id as string, owner));
    expect(stored.metadata).toMatchObject({ schemaVersion: '2.0', version: '1.0.0' });
    expect(stored.nodes.map((node) => node.type)).toEqual([
      'start',
      'screen',
      'api-call',
      'decision',
      'popup',
      'screen',
      'note',
      'component',
      'end',
    ]);
    expect(stored.frames).toEqual([]);
  });

  it.each([
    ['no flow at all', { hello: 'world' }, 400, 'FLOW_IMPORT_INVALID'],
    [
      'a 1.x node type that does not exist',
      { ...legacyDocument(legacyFixtures.backendLogin), nodes: [{ id: 's', type: 'Loop', data: { title: 'L' } }] },
      400,
      'FLOW_IMPORT_INVALID',
    ],
    ['not an object', ['nodes'], 400, 'VALIDATION_FAILED'],
    ['a 2.0 edge to a missing node', withDanglingEdge(), 422, 'FLOW_INVALID'],
    [
      'a 2.0 node of an unknown type',
      { ...loginDocument(), nodes: [{ id: 'x', type: 'window', title: 'X', position: { x: 0, y: 0 } }] },
      422,
      'FLOW_INVALID',
    ],
    [
      'a 1.x flow without a start',
      { ...legacyDocument(legacyFixtures.backendLogin), nodes: legacyDocument(legacyFixtures.backendLogin).nodes.slice(1), edges: [] },
      422,
      'FLOW_INVALID',
    ],
  ])('should refuse a document with %s and store nothing', async (_case, body, status, code) => {
    const { workspaceId, owner } = await kit.team();
    await kit.newFlow(workspaceId, owner);
    const before = await storedCounts(kit.db, workspaceId);
    expect(outcome(await upload(workspaceId, owner, body))).toEqual({ status, code });
    expect(await storedCounts(kit.db, workspaceId)).toEqual(before);
  });

  it.each([
    ['a viewer', 'viewer', 403, 'PERMISSION_DENIED'],
    ['a stranger', 'stranger', 404, 'WORKSPACE_NOT_FOUND'],
  ] as const)('should refuse an import by %s', async (_case, who, status, code) => {
    const team = await kit.team();
    expect(outcome(await upload(team.workspaceId, team[who], loginDocument()))).toEqual({ status, code });
    expect(await storedCounts(kit.db, team.workspaceId)).toEqual({ flows: 0, versions: 0 });
  });
});
