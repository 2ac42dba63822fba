import { createRoute } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { memberParams } from './lib/schemas.ts';
import { actorOf, workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/workspaces/{workspaceId}/members/{userId}',
  tags: ['workspaces'],
  summary: 'Remove a member, or leave (your own user id)',
  request: { params: memberParams },
  responses: {
    204: { description: 'Removed' },
    403: problem('PERMISSION_DENIED (members:remove for others), or OWNER_ROLE_REQUIRED'),
    404: problem('WORKSPACE_NOT_FOUND or MEMBER_NOT_FOUND'),
    409: problem('LAST_OWNER: the workspace would have no owner'),
  },
});

export default defineHttpFunction({
  // Every member may leave, so the guard asks for membership (members:read); removing someone
  // else needs members:remove, which the members service checks.
  ...workspaceFunction('members:read'),
  description: 'Removes a member (members:remove; owners only for owners) or lets a member leave; the last owner cannot.',
  route,
  handler: async (c) => {
    const { workspaceId, userId } = c.req.valid('param');
    await c.var.use(workspacesService).members.remove(workspaceId, actorOf(c.var.auth), userId);
    return c.body(null, 204);
  },
});
