import { createRoute, z } from '@hono/zod-openapi';
import { workspacesService } from '../../shared/infra/workspaces/workspaces-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { invitationTokenPattern } from '../../shared/workspaces/index.ts';
import { toWorkspaceBody, workspaceSchema } from './lib/schemas.ts';
import { workspaceFunction } from './lib/workspace-function.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/invitations/{token}/accept',
  tags: ['workspaces'],
  summary: 'Accept an invitation (once; signed in with the invited e-mail address)',
  request: { params: z.object({ token: z.string().regex(invitationTokenPattern, 'must be an invitation token') }) },
  responses: {
    200: json('The workspace joined', workspaceSchema),
    402: problem('SEAT_LIMIT_REACHED'),
    403: problem('INVITATION_EMAIL_MISMATCH'),
    404: problem('INVITATION_NOT_FOUND, INVITATION_EXPIRED or INVITATION_ALREADY_USED'),
    409: problem('ALREADY_MEMBER'),
  },
});

export default defineHttpFunction({
  ...workspaceFunction('self'),
  description: 'Makes the caller a member with the invited role; the membership insert is the single-use commit point.',
  route,
  handler: async (c) => {
    const { workspace, role } = await c.var.use(workspacesService).invitations.accept(c.req.valid('param').token, c.var.auth.userId);
    c.header('cache-control', 'no-store');
    return c.json(toWorkspaceBody(workspace, role), 200);
  },
});
