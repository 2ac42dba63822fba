import { createRoute, z } from '@hono/zod-openapi';
import { jwtOrApiKey } from '../../shared/infra/auth/jwt-authenticator.ts';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { memberSchema } from './lib/schemas.ts';
import { memberDataPrivacy, workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/members',
  tags: ['workspaces'],
  summary: 'List the workspace’s members with their roles',
  request: { params: workspaceParams },
  responses: { 200: json('The members, oldest first', z.object({ items: z.array(memberSchema) })) },
});

export default defineHttpFunction({
  ...workspaceFunction('members:read', jwtOrApiKey),
  privacy: memberDataPrivacy,
  description: 'Lists a workspace’s members: name, e-mail, role and when they joined.',
  route,
  handler: async (c) => {
    const members = await c.var.use(workspacesService).members.list(c.req.valid('param').workspaceId);
    const items = members.map((m) => ({
      userId: m.userId,
      name: m.name,
      email: m.email,
      role: m.role,
      joinedAt: m.joinedAt.toISOString(),
    }));
    return c.json({ items }, 200);
  },
});
