import { createRoute, z } from '@hono/zod-openapi';
import { jwtAuthenticator } from '../../shared/infra/auth/jwt-authenticator.ts';
import { flowPorts } from '../../shared/infra/flows/flows-resource.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { createTemplateLibrary } from '../../shared/flows/index.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { templateCursor } from './lib/cursor.ts';
import { templateSchema } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/templates',
  tags: ['flows'],
  summary: 'The built-in templates, and with `workspaceId` the workspace’s own',
  request: {
    query: z.object({
      workspaceId: idSchema('wsp').optional().openapi({ description: 'Needs a bearer token of a member (flows:read)' }),
      ...pageQuery(50).shape,
    }),
  },
  responses: {
    200: json(
      'Templates: the built-ins on the first page, then the workspace’s own, newest first',
      z.object({ items: z.array(templateSchema), nextCursor: z.string().nullable() }),
    ),
    400: problem('INVALID_CURSOR or VALIDATION_FAILED'),
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
    const { workspaceId, cursor, limit } = c.req.valid('query');
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
    const after = cursor === undefined ? null : templateCursor.decode(cursor);
    const { items, next } = await createTemplateLibrary(c.var.use(flowPorts)).list(workspaceId ?? null, {
      after,
      limit,
    });
    c.header('Cache-Control', workspaceId === undefined ? 'public, max-age=300, s-maxage=3600' : 'private, no-store');
    if (workspaceId !== undefined) c.header('Vary', 'Authorization');
    return c.json({ items, nextCursor: next && templateCursor.encode(next) }, 200);
  },
});
