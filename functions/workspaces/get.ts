import { createRoute } from '@hono/zod-openapi';
import { jwtOrApiKey } from '../../shared/infra/auth/jwt-authenticator.ts';
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
  ...workspaceFunction('workspace:read', jwtOrApiKey),
  description: 'Reads one workspace the caller is a member of (or an API key of it; `role` is then null).',
  route,
  handler: async (c) => {
    const workspace = await c.var.use(workspacesService).workspaces.get(c.req.valid('param').workspaceId);
    const { auth } = c.var;
    // A key has permissions, not a role: it acts for its creator, but never as their whole role.
    return c.json(toWorkspaceBody(workspace, auth.via === 'apiKey' ? null : actorOf(auth).role), 200);
  },
});
