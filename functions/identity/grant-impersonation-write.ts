import { createRoute, z } from '@hono/zod-openapi';
import { impersonations } from '../../shared/infra/identity/impersonations-resource.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { selfFunction } from './lib/self-function.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/me/impersonations/{impersonationId}/write-grant',
  tags: ['identity'],
  summary: 'Let a live support impersonation change your workspaces',
  request: { params: z.object({ impersonationId: idSchema('imp') }) },
  responses: {
    204: { description: 'Granted until the impersonation ends (also when it already was)' },
    403: problem('IMPERSONATION_READ_ONLY when called with the impersonation’s own token'),
    404: problem('IMPERSONATION_NOT_FOUND (not yours, unknown, or over)'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  uses: [impersonations],
  description:
    'The user lets one live impersonation write to their workspaces (flows, knowledge…), never to their account, keys or billing; it ends with the impersonation.',
  route,
  rateLimit: rateLimited.api,
  privacy: { personalData: ['usage'], purpose: 'let users decide what support may do as them', legalBasis: 'contract' },
  handler: async (c) => {
    await c.var.use(impersonations).grantWrite(c.var.auth.userId, c.req.valid('param').impersonationId);
    return c.body(null, 204);
  },
});
