import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { selfFunction } from './lib/self-function.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const paramsSchema = z.object({ sessionId: idSchema('ses') });

const route = createRoute({
  method: 'delete',
  path: '/v1/me/sessions/{sessionId}',
  tags: ['identity'],
  summary: 'End one of the caller’s sessions (sign a device out)',
  request: { params: paramsSchema },
  responses: {
    204: { description: 'The session is revoked (also when it already was)' },
    400: problem('VALIDATION_FAILED'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    404: problem('SESSION_NOT_FOUND, also for another user’s session'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  description: 'Revokes one of the caller’s own sessions; another user’s session id answers 404.',
  route,
  rateLimit: rateLimited.api,
  privacy: { personalData: ['credentials'], purpose: 'let users sign out devices', legalBasis: 'contract' },
  handler: async (c) => {
    await c.var.use(accounts).revokeSession(c.var.auth.userId, c.req.valid('param').sessionId);
    return c.body(null, 204);
  },
});
