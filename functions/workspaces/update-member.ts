import { createRoute, z } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { memberParams, roleSchema } from './lib/schemas.ts';
import { actorOf, workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'patch',
  path: '/v1/workspaces/{workspaceId}/members/{userId}',
  tags: ['workspaces'],
  summary: 'Change a member’s role',
  request: { params: memberParams, body: jsonBody(z.object({ role: roleSchema })) },
  responses: {
    200: json('The member', z.object({ userId: z.string(), role: roleSchema })),
    403: problem('PERMISSION_DENIED, or OWNER_ROLE_REQUIRED: only owners change owners or make owners'),
    404: problem('WORKSPACE_NOT_FOUND or MEMBER_NOT_FOUND'),
    409: problem('LAST_OWNER: the workspace would have no owner'),
  },
});

export default defineHttpFunction({
  ...workspaceFunction('members:update'),
  description: 'Changes a member’s role; admins cannot touch owners or make owners, and the last owner stays owner.',
  route,
  handler: async (c) => {
    const { workspaceId, userId } = c.req.valid('param');
    const member = await c.var
      .use(workspacesService)
      .members.changeRole(workspaceId, actorOf(c.var.auth), userId, c.req.valid('json').role);
    return c.json({ userId: member.userId, role: member.role }, 200);
  },
});
