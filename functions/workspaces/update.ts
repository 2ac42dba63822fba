import { createRoute, z } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { toWorkspaceBody, workspaceNameSchema, workspaceSchema } from './lib/schemas.ts';
import { actorOf, workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'patch',
  path: '/v1/workspaces/{workspaceId}',
  tags: ['workspaces'],
  summary: 'Rename a workspace',
  request: { params: workspaceParams, body: jsonBody(z.object({ name: workspaceNameSchema }).strict()) },
  responses: { 200: json('The workspace', workspaceSchema) },
});

export default defineHttpFunction({
  ...workspaceFunction('workspace:update'),
  description: 'Renames a workspace (owners and admins).',
  route,
  handler: async (c) => {
    const workspace = await c.var.use(workspacesService).workspaces.rename(c.req.valid('param').workspaceId, c.req.valid('json').name);
    return c.json(toWorkspaceBody(workspace, actorOf(c.var.auth).role), 200);
  },
});
