import { createRoute, z } from '@hono/zod-openapi';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { builtInTemplateSummaries } from '../../shared/flows/index.ts';
import { DomainError, idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { templateSchema } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/templates',
  tags: ['flows'],
  summary: 'The built-in templates',
  request: {
    query: z.object({
      workspaceId: idSchema('wsp')
        .optional()
        .openapi({ description: 'No longer served here: answers 400 naming `GET /v1/workspaces/{workspaceId}/templates`' }),
    }),
  },
  responses: {
    200: json(
      'The built-in template library, by category, then slug (one page)',
      z.object({ items: z.array(templateSchema), nextCursor: z.null() }),
    ),
    400: problem('WORKSPACE_TEMPLATES_MOVED: a workspace was named (its templates are at `location`); VALIDATION_FAILED'),
  },
});

/**
 * A workspace's templates used to be listed here for a member; a public route cannot run the guards
 * a workspace's data needs (authorization, the refused-credentials limit, the rate class), so the
 * old form answers 400 with the route that has them.
 */
const moved = (workspaceId: string) =>
  new DomainError('invalid', 'WORKSPACE_TEMPLATES_MOVED', {
    detail: 'A workspace’s templates are listed at GET /v1/workspaces/{workspaceId}/templates; this route lists the built-in library only.',
    extensions: { location: `/v1/workspaces/${workspaceId}/templates` },
  });

export default defineHttpFunction({
  description: 'Lists the built-in flow templates (public, cacheable at the edge).',
  access: publicAccess('the built-in template library is the same for everyone and holds no workspace data'),
  rateLimit: rateLimited.public,
  uses: [],
  costTags: { team: 'flows', costCenter: 'cc-flows', tier: 'standard' },
  privacy: { personalData: 'none' },
  route,
  handler: async (c) => {
    const { workspaceId } = c.req.valid('query');
    if (workspaceId !== undefined) throw moved(workspaceId);
    c.header('Cache-Control', 'public, max-age=300, s-maxage=3600');
    return c.json({ items: builtInTemplateSummaries(), nextCursor: null }, 200);
  },
});
