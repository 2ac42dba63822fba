/**
 * The README's example, kept compiling by the repository's typecheck:
 * `UXFLOW_URL=http://localhost:3000 UXFLOW_TOKEN=… node clients/typescript/example.ts`.
 */
import { createUxFlowClient } from './index.ts';

const api = createUxFlowClient({ baseUrl: process.env.UXFLOW_URL ?? 'http://localhost:3000', token: process.env.UXFLOW_TOKEN });

const { data: workspaces } = await api.GET('/v1/workspaces');
const workspaceId = workspaces!.items[0]!.id;

const created = await api.POST('/v1/workspaces/{workspaceId}/flows', {
  params: { path: { workspaceId } },
  body: { name: 'Checkout', templateId: 'builtin-checkout' },
});
if (created.error) throw new Error(`${created.error.code}: ${created.error.title}`);

// Every change names the version it was made against (optimistic concurrency).
const etag = created.response.headers.get('etag')!;
const changed = await api.POST('/v1/flows/{flowId}/operations', {
  params: { path: { flowId: created.data.id }, header: { 'if-match': etag } },
  body: { operations: [{ type: 'AUTO_LAYOUT', algorithm: 'hierarchical' }] },
});
console.log(changed.data?.version); // 2
