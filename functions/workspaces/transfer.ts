import { createRoute, z } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { toWorkspaceBody, workspaceSchema } from './lib/schemas.ts';
import { workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/transfer',
  tags: ['workspaces'],
  summary: 'Hand the workspace to another member: they become owner, the caller admin',
  request: { params: workspaceParams, body: jsonBody(z.object({ userId: idSchema('usr') })) },
  responses: {
    200: json('The workspace, as the caller now sees it', workspaceSchema),
    400: problem('Invalid input, or TRANSFER_TARGET_NOT_MEMBER'),
  },
});

export default defineHttpFunction({
  ...workspaceFunction('workspace:transfer'),
  description: 'Transfers ownership to a member (owners only); the previous owner stays as admin.',
  route,
  handler: async (c) => {
    const { userId } = c.req.valid('json');
    const self = c.var.auth.userId;
    const workspace = await c.var.use(workspacesService).workspaces.transfer(c.req.valid('param').workspaceId, self, userId);
    return c.json(toWorkspaceBody(workspace, userId === self ? 'owner' : 'admin'), 200);
  },
});
