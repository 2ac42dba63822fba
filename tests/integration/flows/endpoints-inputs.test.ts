import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import applyOperations from '../../../functions/flows/apply-operations.ts';
import createFlow from '../../../functions/flows/create.ts';
import importFlow from '../../../functions/flows/import.ts';
import validateFlow from '../../../functions/flows/validate.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { etag, storedCounts } from '../../support/flow-kit.ts';
import { startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

/** Inputs a client controls that reach other members' browsers or a recursive walk: URLs and nesting. */
let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_inputs');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

/** start → end, with `start` carrying `extra`. */
const documentWith = (extra: Record<string, unknown>) => ({
  metadata: { schemaVersion: '2.0', flowName: 'Inputs', version: '1.0.0' },
  nodes: [
    { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 }, ...extra },
    { id: 'end', type: 'end', title: 'End', position: { x: 0, y: 200 } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'end' }],
  frames: [],
});

/** `{"x": [[[…]]]}`: 100,000 levels in about 200 KB, which `JSON.parse` accepts and `JSON.stringify` cannot write back. */
const deepData = `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
/** The JSON text of `value` with the string "DEEP" replaced by `deepData`. */
const withDeep = (value: unknown) => JSON.stringify(value).replace('"DEEP"', deepData);

const validate = (body: unknown, as: TestUser) => kit.call(validateFlow, '/v1/flows/validate', as, { method: 'POST', body });
const upload = (workspaceId: string, as: TestUser, body: unknown) =>
  kit.call(importFlow, `/v1/workspaces/${workspaceId}/flows/import`, as, { method: 'POST', body });
const uploadRaw = (workspaceId: string, as: TestUser, rawBody: string) =>
  kit.call(importFlow, `/v1/workspaces/${workspaceId}/flows/import`, as, { method: 'POST', rawBody });

describe('URLs a flow carries', () => {
  it.each([
    ['a javascript: figmaLink', { uiMetadata: { figmaLink: 'javascript:alert(document.cookie)' } }],
    ['a data: screenshotUrl', { uiMetadata: { screenshotUrl: 'data:text/html,<script>alert(1)</script>' } }],
    ['a figmaLink off Figma', { uiMetadata: { figmaLink: 'https://evil.example/file/x' } }],
  ])('should refuse an import with %s as 422 FLOW_INVALID and store nothing', async (_case, extra) => {
    const { workspaceId, owner } = await kit.team();
    expect(outcome(await upload(workspaceId, owner, documentWith(extra)))).toEqual({ status: 422, code: 'FLOW_INVALID' });
    expect(await storedCounts(kit.db, workspaceId)).toEqual({ flows: 0, versions: 0 });
  });

  it('should refuse a LINK_FIGMA to a javascript: URL with 400 VALIDATION_FAILED and accept one to Figma', async () => {
    const { workspaceId, owner } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    const link = (figmaLink: string, version: number) =>
      kit.apply(flowId, owner, [{ type: 'LINK_FIGMA', nodeId: 'start', figmaLink }], etag(version));
    expect(outcome(await link('javascript:alert(1)', 1))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await link('https://www.figma.com/design/AbC123/Flow', 1)).status).toBe(200);
  });
});

describe('deeply nested data', () => {
  it('should refuse validate with 400 VALIDATION_FAILED when node data nests 100,000 levels', async () => {
    const { owner } = await kit.team();
    const rawBody = withDeep(documentWith({ data: { wrapper: 'DEEP' } }));
    const reply = await kit.call(validateFlow, '/v1/flows/validate', owner, { method: 'POST', rawBody });
    expect(outcome(reply)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('should report SCHEMA_VIOLATION on validate and 422 FLOW_INVALID on import when node data nests 40 levels', async () => {
    const { workspaceId, owner } = await kit.team();
    const tooDeep = JSON.parse(`{"x":${'['.repeat(40)}${']'.repeat(40)}}`) as Record<string, unknown>;
    const reply = await validate(documentWith({ data: tooDeep }), owner);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ valid: false, errors: [{ rule: 'SCHEMA_VIOLATION', path: ['nodes', 0, 'data'] }] });
    expect(outcome(await upload(workspaceId, owner, documentWith({ data: tooDeep })))).toEqual({ status: 422, code: 'FLOW_INVALID' });
    expect(await storedCounts(kit.db, workspaceId)).toEqual({ flows: 0, versions: 0 });
  });

  it.each([
    ['a 2.0 import', (ws: string, as: TestUser) => uploadRaw(ws, as, withDeep(documentWith({ data: 'DEEP' })))],
    [
      'a create from a document',
      (ws: string, as: TestUser) =>
        kit.call(createFlow, `/v1/workspaces/${ws}/flows`, as, {
          method: 'POST',
          rawBody: withDeep({ name: 'Deep', document: { ...documentWith({}), extra: 'DEEP' } }),
        }),
    ],
    [
      'a 1.x import',
      (ws: string, as: TestUser) => uploadRaw(ws, as, withDeep({ ...documentWith({ data: 'DEEP' }), metadata: { flowName: 'Old' } })),
    ],
  ])('should refuse %s whose node data nests 100,000 levels with a 4xx and store nothing', async (_case, send) => {
    const { workspaceId, owner } = await kit.team();
    const reply = await send(workspaceId, owner);
    expect(outcome(reply)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await storedCounts(kit.db, workspaceId)).toEqual({ flows: 0, versions: 0 });
  });

  it('should refuse an UPDATE_NODE whose data nests 100,000 levels with 400 VALIDATION_FAILED and keep version 1', async () => {
    const { workspaceId, owner } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, owner);
    const rawBody = withDeep({ operations: [{ type: 'UPDATE_NODE', id: 'start', changes: { data: 'DEEP' } }] });
    const reply = await kit.call(applyOperations, `/v1/flows/${flowId}/operations`, owner, {
      method: 'POST',
      rawBody,
      headers: { 'if-match': etag(1) },
    });
    expect(outcome(reply)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await kit.read(flowId, owner)).body?.version).toBe(1);
  });
});
