import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { DomainError } from '../../shared/kernel/index.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { clientIp, refreshCredential, setSessionCookies } from './lib/auth-cookies.ts';
import { identityCostTags } from './lib/schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const bodySchema = z.object({ refreshToken: z.string().min(1).max(200).optional() });
const resultSchema = z
  .object({ accessToken: z.string(), expiresIn: z.number().int(), refreshToken: z.string().optional() })
  .openapi('RefreshResult');

const route = createRoute({
  method: 'post',
  path: '/v1/auth/refresh',
  tags: ['identity'],
  summary: 'Rotate the refresh token and get a new access token',
  description: 'Browsers send the refresh cookie with `X-CSRF-Token` equal to the CSRF cookie; other clients send `{refreshToken}`.',
  request: { body: { content: { 'application/json': { schema: bodySchema } } } },
  responses: {
    200: json('A new access token; the rotated refresh token where the old one came from', resultSchema),
    401: problem('INVALID_REFRESH_TOKEN, or REFRESH_TOKEN_REUSED (the whole session is revoked)'),
    403: problem('CSRF_FAILED: a cookie without the matching X-CSRF-Token header'),
  },
});

export default defineHttpFunction({
  description: 'Rotates a refresh token (reuse revokes its family) and issues a new access token.',
  route,
  access: publicAccess('the refresh token itself is the credential'),
  rateLimit: rateLimited.auth,
  uses: [accounts],
  costTags: identityCostTags,
  privacy: { personalData: ['credentials', 'security'], purpose: 'keep a user signed in and detect stolen tokens', legalBasis: 'contract' },
  handler: async (c) => {
    const presented = refreshCredential(c, c.req.valid('json').refreshToken);
    if (!presented)
      throw new DomainError('unauthenticated', 'REFRESH_TOKEN_MISSING', { detail: 'Send the refresh cookie or {refreshToken}.' });
    const userAgent = c.req.header('user-agent');
    const tokens = await c.var.use(accounts).refresh(presented.credential, { ip: clientIp(c), ...(userAgent ? { userAgent } : {}) });
    if (presented.via === 'cookie') setSessionCookies(c, tokens);
    const body = { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn };
    return c.json(presented.via === 'body' ? { ...body, refreshToken: tokens.refreshToken } : body, 200);
  },
});
