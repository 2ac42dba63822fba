import { createRoute, z } from '@hono/zod-openapi';
import { jwtAuthenticator } from '../../shared/infra/auth/jwt-authenticator.ts';
import { flowPorts } from '../../shared/infra/flows/flows-resource.ts';
import { rateLimiter } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { createTemplateLibrary } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { workspaceIdSchema } from '../workspaces/lib/schemas.ts';
import { decodeCursor, encodeCursor } from './lib/cursor.ts';
import { json, problem, templateSchema } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/templates',
  tags: ['flows'],
  summary: 'The built-in templates, and with `workspaceId` the workspace’s own',
  request: {
    query: z.object({
      workspaceId: workspaceIdSchema.optional().openapi({ description: 'Needs a bearer token of a member (flows:read)' }),
      cursor: z.string().max(200).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
      limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Workspace templates per page' }),
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
  domain: 'flows',
  name: 'flows-list-templates',
  description: 'Lists the built-in flow templates (public, cacheable) and, for a member, a workspace’s saved templates.',
  access: { type: 'public', reason: 'the built-in template library is public; a workspace’s templates need a member’s credentials' },
  rateLimit: 'public',
  rateLimiter,
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
    const after = cursor === undefined ? null : decodeCursor(cursor, /^tpl_[0-9a-z]{20}$/);
    const { items, next } = await createTemplateLibrary(c.var.use(flowPorts)).list(workspaceId ?? null, {
      after: after && { createdAt: after.updatedAt, id: after.id },
      limit,
    });
    c.header('Cache-Control', workspaceId === undefined ? 'public, max-age=300, s-maxage=3600' : 'private, no-store');
    if (workspaceId !== undefined) c.header('Vary', 'Authorization');
    return c.json({ items, nextCursor: next && encodeCursor({ updatedAt: next.createdAt, id: next.id }) }, 200);
  },
});
