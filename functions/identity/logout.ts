import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { clearSessionCookies, refreshCredential } from './lib/auth-cookies.ts';
import { identityCostTags } from './lib/schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/logout',
  tags: ['identity'],
  summary: 'End the current session',
  description: 'The session is the one of the refresh cookie or of `{refreshToken}`. Idempotent.',
  request: { body: { content: { 'application/json': { schema: z.object({ refreshToken: z.string().min(1).max(200).optional() }) } } } },
  responses: { 204: { description: 'Signed out; cookies cleared' } },
});

export default defineHttpFunction({
  description: 'Revokes the session of a refresh token and clears the cookies.',
  route,
  // SameSite=Strict keeps other sites from sending the cookie; the worst a forged call could do is sign the user out.
  access: publicAccess('the refresh token identifies the session to end; an expired access token must not prevent logout'),
  rateLimit: rateLimited.auth,
  uses: [accounts],
  costTags: identityCostTags,
  privacy: { personalData: ['credentials'], purpose: 'end a user session', legalBasis: 'contract' },
  handler: async (c) => {
    const presented = refreshCredential(c, c.req.valid('json').refreshToken);
    if (presented) await c.var.use(accounts).logout(presented.credential.refreshToken);
    clearSessionCookies(c);
    return c.body(null, 204);
  },
});
