import { createRoute } from '@hono/zod-openapi';
import { jwt } from '../../shared/infra/auth/jwt-authenticator.ts';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { authenticated, defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { identityCostTags, meSchema } from './lib/schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['identity'],
  summary: 'The caller’s own account',
  responses: {
    200: json('The account', meSchema),
    401: problem('UNAUTHENTICATED, INVALID_TOKEN or USER_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  description: 'Returns the authenticated user’s own account.',
  route,
  access: authenticated(jwt, 'self'),
  rateLimit: rateLimited.api,
  uses: [accounts],
  costTags: identityCostTags,
  privacy: { personalData: ['identity', 'contact'], purpose: 'show users their own account', legalBasis: 'contract' },
  handler: async (c) => {
    const profile = await c.var.use(accounts).profile(c.var.auth.userId);
    c.header('cache-control', 'no-store');
    return c.json({ ...profile, createdAt: profile.createdAt.toISOString() }, 200);
  },
});
