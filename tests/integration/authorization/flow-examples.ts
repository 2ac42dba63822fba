import type { ExampleContext, ExampleRequest } from './examples.ts';
import type { Caller } from './matrix-fixture.ts';

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

/** A flow of the matrix workspace, created by its owner; its id. */
const flowOf = async (ctx: ExampleContext): Promise<string> => {
  const created = await ctx.as('owner', 'flows-create', {
    method: 'POST',
    path: `/v1/workspaces/${ctx.workspaceId}/flows`,
    body: { name: 'Matrix flow' },
  });
  const id = (created.body as { id?: string } | null)?.id;
  if (!id) throw new Error(`creating the matrix flow answered ${created.status}`);
  return id;
};

const onFlow =
  (method: string, suffix: string, extra: Omit<ExampleRequest, 'method' | 'path'> = {}): Example =>
  async (ctx) => ({ method, path: `/v1/flows/${await flowOf(ctx)}${suffix}`, ...extra });

const addNode = { type: 'ADD_NODE', node: { id: 'matrix_note', type: 'note', title: 'Matrix note', position: { x: 400, y: 0 } } };

/**
 * Valid requests for the flow functions (see examples.ts). Routes without `{workspaceId}` name a
 * flow of the matrix workspace: members get what their role allows, the stranger a 404.
 */
export const flowExamples: Record<string, Example> = {
  'flows-create': (ctx) => ({ method: 'POST', path: `/v1/workspaces/${ctx.workspaceId}/flows`, body: { name: 'Matrix create' } }),
  'flows-import': (ctx) => ({
    method: 'POST',
    path: `/v1/workspaces/${ctx.workspaceId}/flows/import`,
    body: {
      metadata: { schemaVersion: '2.0', flowName: 'Matrix import', version: '1.0.0' },
      nodes: [
        { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } },
        { id: 'end', type: 'end', title: 'End', position: { x: 0, y: 200 } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'end' }],
      frames: [],
    },
  }),
  'flows-create-template': async (ctx) => ({
    method: 'POST',
    path: `/v1/workspaces/${ctx.workspaceId}/templates`,
    body: { flowId: await flowOf(ctx), name: 'Matrix template' },
  }),
  'flows-get': onFlow('GET', ''),
  'flows-lint': onFlow('GET', '/lint'),
  'flows-blame': onFlow('GET', '/blame'),
  'flows-apply-operations': onFlow('POST', '/operations', { headers: { 'if-match': '"v1"' }, body: { operations: [addNode] } }),
  'flows-delete': onFlow('DELETE', ''),
  'flows-undelete': async (ctx) => {
    const flowId = await flowOf(ctx);
    const deleted = await ctx.as('owner', 'flows-delete', { method: 'DELETE', path: `/v1/flows/${flowId}` });
    if (deleted.status !== 204) throw new Error(`deleting the matrix flow answered ${deleted.status}`);
    return { method: 'POST', path: `/v1/flows/${flowId}/undelete` };
  },
  'flows-duplicate': onFlow('POST', '/duplicate'),
  'flows-list-versions': onFlow('GET', '/versions'),
  'flows-get-version': onFlow('GET', '/versions/1'),
  'flows-restore-version': onFlow('POST', '/versions/1/restore', { headers: { 'if-match': '"v1"' } }),
  'flows-create-snapshot': onFlow('POST', '/snapshots', { body: { name: 'Matrix snapshot' } }),
  'flows-diff-versions': onFlow('GET', '/diff?from=1&to=1'),
  'flows-export': onFlow('GET', '/export?format=svg'),
  'flows-validate': () => ({
    method: 'POST',
    path: '/v1/flows/validate',
    body: { metadata: { schemaVersion: '2.0', flowName: 'x', version: '1.0.0' }, nodes: [], edges: [], frames: [] },
  }),
};
