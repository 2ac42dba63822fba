import { createRoute } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { toWorkspaceBody, workspaceSchema } from './lib/schemas.ts';
import { actorOf, workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}',
  tags: ['workspaces'],
  summary: 'Read a workspace',
  request: { params: workspaceParams },
  responses: { 200: json('The workspace', workspaceSchema) },
});

export default defineHttpFunction({
  ...workspaceFunction('workspace:read'),
  description: 'Reads one workspace the caller is a member of.',
  route,
  handler: async (c) => {
    const workspace = await c.var.use(workspacesService).workspaces.get(c.req.valid('param').workspaceId);
    return c.json(toWorkspaceBody(workspace, actorOf(c.var.auth).role), 200);
  },
});
