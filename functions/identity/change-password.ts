import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { clientIp } from './lib/auth-cookies.ts';
import { passwordInputSchema } from './lib/schemas.ts';
import { selfFunction } from './lib/self-function.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const bodySchema = z.object({ currentPassword: passwordInputSchema, newPassword: passwordInputSchema });

const route = createRoute({
  method: 'post',
  path: '/v1/me/password',
  tags: ['identity'],
  summary: 'Change the password; every other session ends, this one stays',
  request: { body: jsonBody(bodySchema) },
  responses: {
    204: { description: 'Password replaced; the other sessions are revoked' },
    400: problem('VALIDATION_FAILED or WEAK_PASSWORD'),
    401: problem('UNAUTHENTICATED, INVALID_TOKEN or USER_NOT_FOUND'),
    403: problem('INVALID_CURRENT_PASSWORD (counted toward the login lockout)'),
    429: problem('ACCOUNT_LOCKED'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  description: 'Replaces the caller’s password after checking the current one and revokes their other sessions.',
  route,
  rateLimit: rateLimited.auth,
  privacy: { personalData: ['credentials', 'network', 'security'], purpose: 'let users secure their account', legalBasis: 'contract' },
  handler: async (c) => {
    const { userId, sessionId } = c.var.auth;
    await c.var.use(accounts).changePassword({ ...c.req.valid('json'), userId, sessionId, ip: clientIp(c) });
    return c.body(null, 204);
  },
});
