import { createRoute, z } from '@hono/zod-openapi';
import { jwtAuthenticator } from '../../shared/infra/auth/jwt-authenticator.ts';
import { flowPorts } from '../../shared/infra/flows/flows-resource.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { createTemplateLibrary } from '../../shared/flows/index.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { workspaceIdSchema } from '../workspaces/lib/schemas.ts';
import { json, problem, templateSchema } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/templates',
  tags: ['flows'],
  summary: 'The built-in templates, and with `workspaceId` the workspace’s own',
  request: {
    query: z.object({
      workspaceId: workspaceIdSchema.optional().openapi({ description: 'Needs a bearer token of a member (flows:read)' }),
    }),
  },
  responses: {
    200: json('Templates', z.object({ items: z.array(templateSchema) })),
    401: problem('UNAUTHENTICATED: a workspace was named without credentials'),
    404: problem('WORKSPACE_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  description: 'Lists the built-in flow templates (public, cacheable) and, for a member, a workspace’s saved templates.',
  access: publicAccess('the built-in template library is public; a workspace’s templates need a member’s credentials'),
  rateLimit: rateLimited.public,
  uses: [flowPorts, jwtAuthenticator],
  costTags: { team: 'flows', costCenter: 'cc-flows', tier: 'standard' },
  privacy: { personalData: ['content'], purpose: 'show a workspace the templates it saved', legalBasis: 'contract' },
  route,
  handler: async (c) => {
    const { workspaceId } = c.req.valid('query');
    if (workspaceId !== undefined) {
      // Public route, private data: the workspace's templates need a member, checked as a guarded route would.
      await c.var.use(jwtAuthenticator).authenticate({
        authorization: c.req.header('authorization'),
        method: 'GET',
        path: '/v1/templates',
        workspaceId,
        access: { type: 'authenticated', credentials: ['jwt', 'apiKey'], permission: 'flows:read' },
      });
    }
    const items = await createTemplateLibrary(c.var.use(flowPorts)).list(workspaceId ?? null);
    c.header('Cache-Control', workspaceId === undefined ? 'public, max-age=300, s-maxage=3600' : 'private, no-store');
    if (workspaceId !== undefined) c.header('Vary', 'Authorization');
    return c.json({ items }, 200);
  },
});
