import { createRoute, z } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { invitationSchema, toInvitationBody } from './lib/schemas.ts';
import { memberDataPrivacy, workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/invitations',
  tags: ['workspaces'],
  summary: 'List the invitations not accepted yet (pending or expired)',
  request: { params: workspaceParams },
  responses: { 200: json('The invitations, newest first', z.object({ items: z.array(invitationSchema) })) },
});

export default defineHttpFunction({
  ...workspaceFunction('members:invite'),
  privacy: memberDataPrivacy,
  description: 'Lists a workspace’s open invitations (owners and admins).',
  route,
  handler: async (c) => {
    const invitations = await c.var.use(workspacesService).invitations.list(c.req.valid('param').workspaceId);
    return c.json({ items: invitations.map((i) => toInvitationBody(i, i.status)) }, 200);
  },
});
