import { createRoute, z } from '@hono/zod-openapi';
import { oauthLogin } from '../../shared/infra/oauth/oauth-resource.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { webUrlSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { oauthPrivacy, providerParamsSchema } from './lib/oauth-schemas.ts';
import { identityCostTags } from './lib/schemas.ts';
import { setOAuthBinding } from './lib/oauth-binding.ts';

const querySchema = z.object({
  // http(s) only; the allow-list (exact match) decides the rest.
  redirectUri: webUrlSchema({ http: true }).openapi({
    description: 'Where to send the browser after sign-in; must be on OAUTH_REDIRECT_URIS',
  }),
});

const route = createRoute({
  method: 'get',
  path: '/v1/auth/oauth/{provider}/start',
  tags: ['identity'],
  summary: 'Start signing in with Google or GitHub (authorization code + PKCE + state, nonce for Google)',
  request: { params: providerParamsSchema, query: querySchema },
  responses: {
    302: { description: 'To the provider’s authorization endpoint', headers: z.object({ location: z.string().url() }) },
    400: problem('VALIDATION_FAILED, or REDIRECT_URI_NOT_ALLOWED'),
    503: problem('OAUTH_PROVIDER_UNAVAILABLE (discovery failed)'),
  },
});

export default defineHttpFunction({
  description: 'Sends the browser to Google or GitHub with a fresh single-use state, a PKCE challenge and (Google) a nonce.',
  route,
  access: publicAccess('begins a sign-in; the caller has no credentials yet'),
  rateLimit: rateLimited.auth,
  uses: [oauthLogin],
  costTags: identityCostTags,
  privacy: { ...oauthPrivacy, personalData: ['network'] },
  handler: async (c) => {
    const { location, binding, maxAgeSeconds } = await c.var
      .use(oauthLogin)
      .start(c.req.valid('param').provider, c.req.valid('query').redirectUri);
    setOAuthBinding(c, binding, maxAgeSeconds);
    c.header('cache-control', 'no-store');
    return c.redirect(location, 302);
  },
});
