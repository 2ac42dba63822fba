import { createRoute, z } from '@hono/zod-openapi';
import { oauthLogin } from '../../shared/infra/oauth/oauth-resource.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { DomainError } from '../../shared/kernel/index.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { clientIp, setSessionCookies } from './lib/auth-cookies.ts';
import { oauthPrivacy, oauthSignedInSchema, providerParamsSchema } from './lib/oauth-schemas.ts';
import { identityCostTags } from './lib/schemas.ts';
import { takeOAuthBinding } from './lib/oauth-binding.ts';

const querySchema = z.object({
  state: z.string().min(1).max(200),
  code: z.string().min(1).max(2000).optional(),
  /** Set by the provider instead of `code` when the user declined or the request was refused. */
  error: z.string().max(200).optional(),
});

const route = createRoute({
  method: 'get',
  path: '/v1/auth/oauth/{provider}/callback',
  tags: ['identity'],
  summary: 'Where the provider sends the browser back: redeem the code, link or create the account, sign in',
  request: { params: providerParamsSchema, query: querySchema },
  responses: {
    200: json('Signed in (only with `Accept: application/json`)', oauthSignedInSchema),
    302: { description: 'Signed in: to the redirectUri given at start, refresh and CSRF cookies set, no token in the URL' },
    400: problem('OAUTH_STATE_INVALID, OAUTH_STATE_EXPIRED, OAUTH_STATE_USED, OAUTH_CODE_REJECTED, OAUTH_PROVIDER_ERROR'),
    401: problem('OAUTH_ID_TOKEN_INVALID'),
    403: problem('OAUTH_EMAIL_UNVERIFIED'),
    503: problem('OAUTH_PROVIDER_UNAVAILABLE'),
  },
});

export default defineHttpFunction({
  description:
    'Redeems a Google or GitHub authorization (single-use state, PKCE, ID token), links or creates the account, starts a session.',
  route,
  access: publicAccess('completes a sign-in; the state and code are the credentials'),
  rateLimit: rateLimited.auth,
  uses: [oauthLogin],
  costTags: identityCostTags,
  privacy: oauthPrivacy,
  handler: async (c) => {
    const { provider } = c.req.valid('param');
    const { state, code, error } = c.req.valid('query');
    if (error !== undefined || code === undefined)
      throw new DomainError('invalid', 'OAUTH_PROVIDER_ERROR', {
        detail: `The provider did not authorize the sign-in (${error ?? 'no code'}).`,
      });
    const userAgent = c.req.header('user-agent')?.slice(0, 300);
    const binding = takeOAuthBinding(c);
    const result = await c.var
      .use(oauthLogin)
      .callback(provider, { code, state, binding, ip: clientIp(c), ...(userAgent ? { userAgent } : {}) });
    c.header('cache-control', 'no-store');
    const { user, accessToken, expiresIn, refreshToken, redirectUri, isNewUser } = result;
    if (c.req.header('accept')?.includes('application/json'))
      return c.json({ user, accessToken, expiresIn, refreshToken, redirectUri, isNewUser }, 200);
    setSessionCookies(c, result);
    return c.redirect(redirectUri, 302);
  },
});
