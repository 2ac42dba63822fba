import { createRoute, z } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { toWorkspaceBody, workspaceNameSchema, workspaceSchema } from './lib/schemas.ts';
import { workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces',
  tags: ['workspaces'],
  summary: 'Create a workspace (free plan) with the caller as owner',
  request: { body: jsonBody(z.object({ name: workspaceNameSchema })) },
  responses: {
    201: json('The new workspace', workspaceSchema),
    402: problem('WORKSPACE_LIMIT_REACHED: the account owns as many workspaces as its plan allows'),
  },
});

export default defineHttpFunction({
  ...workspaceFunction('self'),
  description: 'Creates a workspace owned by the caller, within the workspace limit of their personal workspace’s plan.',
  route,
  handler: async (c) => {
    const { workspace, role } = await c.var.use(workspacesService).workspaces.create(c.var.auth.userId, c.req.valid('json').name);
    return c.json(toWorkspaceBody(workspace, role), 201);
  },
});
