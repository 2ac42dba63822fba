import { createRoute } from '@hono/zod-openapi';
import { jwt } from '../../shared/infra/auth/jwt-authenticator.ts';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { authenticated, defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { identityCostTags, meSchema } from './lib/schemas.ts';
import { impersonationBannerSchema, toBanner } from './lib/impersonation-function.ts';
import { impersonations } from '../../shared/infra/identity/impersonations-resource.ts';
import type { z } from '@hono/zod-openapi';

const meWithBannerSchema = meSchema.extend({
  impersonation: impersonationBannerSchema
    .nullable()
    .openapi({ description: 'Set while support staff act as you (the newest, if several); end it from your session list' }),
});
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['identity'],
  summary: 'The caller’s own account',
  responses: {
    200: json('The account', meWithBannerSchema),
    401: problem('UNAUTHENTICATED, INVALID_TOKEN or USER_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  description: 'Returns the authenticated user’s own account.',
  route,
  access: authenticated(jwt, 'self'),
  rateLimit: rateLimited.api,
  uses: [accounts, impersonations],
  costTags: identityCostTags,
  privacy: { personalData: ['identity', 'contact'], purpose: 'show users their own account', legalBasis: 'contract' },
  handler: async (c) => {
    const [profile, active] = await Promise.all([
      c.var.use(accounts).profile(c.var.auth.userId),
      c.var.use(impersonations).activeFor(c.var.auth.userId),
    ]);
    c.header('cache-control', 'no-store');
    const impersonation = active[0] ? toBanner(active[0]) : null;
    return c.json(
      { ...profile, createdAt: profile.createdAt.toISOString(), impersonation } satisfies z.infer<typeof meWithBannerSchema>,
      200,
    );
  },
});
