import { createRoute } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/workspaces/{workspaceId}',
  tags: ['workspaces'],
  summary: 'Delete a workspace (soft delete; it answers 404 from then on)',
  request: { params: workspaceParams },
  responses: {
    204: { description: 'Deleted' },
    409: problem('SUBSCRIPTION_ACTIVE: its subscription still bills; `cancelUrl` (POST) cancels it at the period end'),
  },
});

export default defineHttpFunction({
  ...workspaceFunction('workspace:delete'),
  description: 'Soft-deletes a workspace (owners only): a tombstone hides it from every member and its API keys are revoked.',
  route,
  handler: async (c) => {
    await c.var.use(workspacesService).workspaces.remove(c.req.valid('param').workspaceId, c.var.auth.userId);
    return c.body(null, 204);
  },
});
