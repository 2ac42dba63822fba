import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { clientIp, setSessionCookies } from './lib/auth-cookies.ts';
import { secondFactorCodeSchema } from './lib/two-factor-schemas.ts';
import {
  authBody,
  authResultSchema,
  emailInputSchema,
  identityCostTags,
  passwordInputSchema,
  refreshTokenInSchema,
} from './lib/schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const bodySchema = z.object({
  email: emailInputSchema,
  password: passwordInputSchema,
  totp: secondFactorCodeSchema.optional(),
  rememberMe: z.boolean().default(false),
  refreshTokenIn: refreshTokenInSchema,
});

const route = createRoute({
  method: 'post',
  path: '/v1/auth/login',
  tags: ['identity'],
  summary: 'Sign in with e-mail and password',
  request: { body: jsonBody(bodySchema) },
  responses: {
    200: json('Signed in; refresh and CSRF cookies set', authResultSchema),
    400: problem('Invalid input'),
    401: problem('INVALID_CREDENTIALS (unknown e-mail and wrong password alike), TOTP_REQUIRED or INVALID_TOTP'),
    429: problem('ACCOUNT_LOCKED after repeated failures (Retry-After says for how long)'),
  },
});

export default defineHttpFunction({
  description: 'Password login with progressive lockout by account and by IP address.',
  route,
  access: publicAccess('establishes the credentials later requests carry'),
  rateLimit: rateLimited.auth,
  uses: [accounts],
  costTags: identityCostTags,
  privacy: {
    personalData: ['contact', 'credentials', 'network'],
    purpose: 'authenticate the user and protect accounts from guessing',
    legalBasis: 'contract',
  },
  handler: async (c) => {
    const { refreshTokenIn, ...input } = c.req.valid('json');
    const userAgent = c.req.header('user-agent')?.slice(0, 300);
    const result = await c.var.use(accounts).login({ ...input, ip: clientIp(c), ...(userAgent ? { userAgent } : {}) });
    if (refreshTokenIn === 'cookie') setSessionCookies(c, result);
    return c.json(authBody(result, refreshTokenIn), 200);
  },
});
