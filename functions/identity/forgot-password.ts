import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { emailInputSchema } from './lib/schemas.ts';
import { publicAuthFunction } from './lib/self-function.ts';
import { emailRateLimitKey } from './lib/rate-limit-keys.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/password/forgot',
  tags: ['identity'],
  summary: 'Ask for a password-reset link',
  description: 'Always 202, whether or not the address has an account; only an account’s owner gets a mail.',
  request: { body: jsonBody(z.object({ email: emailInputSchema })) },
  responses: { 202: { description: 'Accepted' }, 400: problem('VALIDATION_FAILED') },
});

export default defineHttpFunction({
  ...publicAuthFunction,
  // 3 an hour per account (the e-mail), besides the per-IP limit.
  rateLimit: { ...rateLimited.auth, accountKey: emailRateLimitKey },
  description:
    'Queues a password-reset request (identity-send-password-reset-mails mails the link when the address has an account); answers 202 either way.',
  route,
  access: publicAccess('users who forgot their password cannot authenticate'),
  privacy: { personalData: ['contact', 'credentials'], purpose: 'let users regain access to their account', legalBasis: 'contract' },
  handler: async (c) => {
    await c.var.use(accounts).forgotPassword(c.req.valid('json').email);
    return c.body(null, 202);
  },
});
