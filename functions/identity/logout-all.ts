import { createRoute } from '@hono/zod-openapi';
import { jwt } from '../../shared/infra/auth/jwt-authenticator.ts';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { authenticated, defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { clearSessionCookies } from './lib/auth-cookies.ts';
import { identityCostTags } from './lib/schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/logout-all',
  tags: ['identity'],
  summary: 'End every session of the caller',
  responses: { 204: { description: 'Every session revoked; cookies cleared' }, 401: problem('UNAUTHENTICATED or INVALID_TOKEN') },
});

export default defineHttpFunction({
  description: 'Revokes every session (refresh-token family) of the caller.',
  route,
  access: authenticated(jwt, 'self'),
  rateLimit: rateLimited.auth,
  uses: [accounts],
  costTags: identityCostTags,
  privacy: { personalData: ['credentials'], purpose: 'end every session of a user', legalBasis: 'contract' },
  handler: async (c) => {
    await c.var.use(accounts).logoutAll(c.var.auth.userId);
    clearSessionCookies(c);
    return c.body(null, 204);
  },
});
