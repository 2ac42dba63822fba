import { createRoute } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { invitationParams } from './lib/schemas.ts';
import { workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/workspaces/{workspaceId}/invitations/{invitationId}',
  tags: ['workspaces'],
  summary: 'Withdraw an invitation (its link stops working and its seat is freed)',
  request: { params: invitationParams },
  responses: { 204: { description: 'Withdrawn' }, 404: problem('WORKSPACE_NOT_FOUND or INVITATION_NOT_FOUND') },
});

export default defineHttpFunction({
  ...workspaceFunction('members:invite'),
  description: 'Withdraws one of the workspace’s open invitations.',
  route,
  handler: async (c) => {
    const { workspaceId, invitationId } = c.req.valid('param');
    await c.var.use(workspacesService).invitations.revoke(workspaceId, invitationId);
    return c.body(null, 204);
  },
});
