import { createRoute, z } from '@hono/zod-openapi';
import { emailSchema } from '../../shared/identity/email.ts';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { invitationSchema, roleSchema, toInvitationBody } from './lib/schemas.ts';
import { actorOf, memberDataPrivacy, workspaceFunction } from './lib/workspace-function.ts';

const bodySchema = z.object({
  email: emailSchema.openapi({ type: 'string', format: 'email', example: 'grace@example.com' }),
  role: roleSchema,
});

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/invitations',
  tags: ['workspaces'],
  summary: 'Invite someone by e-mail (a single-use link valid 7 days)',
  request: { params: workspaceParams, body: jsonBody(bodySchema) },
  responses: {
    201: json('The invitation (the token goes only into the mail)', invitationSchema),
    402: problem('SEAT_LIMIT_REACHED: members and pending invitations fill the plan’s seats'),
    403: problem('PERMISSION_DENIED, or OWNER_ROLE_REQUIRED to invite an owner'),
    409: problem('ALREADY_MEMBER or INVITATION_PENDING'),
  },
});

export default defineHttpFunction({
  ...workspaceFunction('members:invite'),
  privacy: memberDataPrivacy,
  description: 'Invites an e-mail address to the workspace with a role, within the plan’s seats, and mails the link.',
  route,
  handler: async (c) => {
    const invitation = await c.var
      .use(workspacesService)
      .invitations.invite(c.req.valid('param').workspaceId, actorOf(c.var.auth), c.req.valid('json'));
    return c.json(toInvitationBody(invitation), 201);
  },
});
