import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { setSessionCookies } from './lib/auth-cookies.ts';
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
  name: z.string().trim().min(1).max(100),
  refreshTokenIn: refreshTokenInSchema,
});

const route = createRoute({
  method: 'post',
  path: '/v1/auth/register',
  tags: ['identity'],
  summary: 'Create an account with a personal workspace on a 14-day pro trial',
  request: { body: jsonBody(bodySchema) },
  responses: {
    201: json('Registered and signed in; refresh and CSRF cookies set', authResultSchema),
    400: problem('Invalid input, or WEAK_PASSWORD'),
  },
});

export default defineHttpFunction({
  description: 'Registers an account (no enumeration: a known e-mail gets a mail, the caller the same answer).',
  route,
  access: publicAccess('creates the account that later requests authenticate as'),
  rateLimit: rateLimited.auth,
  uses: [accounts],
  costTags: identityCostTags,
  privacy: { personalData: ['identity', 'contact', 'credentials'], purpose: 'create and secure a user account', legalBasis: 'contract' },
  handler: async (c) => {
    const { refreshTokenIn, ...input } = c.req.valid('json');
    const result = await c.var.use(accounts).register(input);
    if (refreshTokenIn === 'cookie') setSessionCookies(c, result);
    return c.json(authBody(result, refreshTokenIn), 201);
  },
});
