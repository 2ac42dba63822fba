import { createRoute } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { selfFunction } from './lib/self-function.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/email/resend',
  tags: ['identity'],
  summary: 'Mail a new verification link (older links stop working)',
  responses: {
    202: { description: 'A new link is on its way' },
    401: problem('UNAUTHENTICATED, INVALID_TOKEN or USER_NOT_FOUND'),
    409: problem('EMAIL_ALREADY_VERIFIED: nothing was mailed'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  description: 'Mails the caller a new e-mail verification link and makes the older ones dead.',
  route,
  rateLimit: rateLimited.auth,
  privacy: { personalData: ['contact'], purpose: 'confirm that users own their e-mail address', legalBasis: 'contract' },
  handler: async (c) => {
    await c.var.use(accounts).resendEmailVerification(c.var.auth.userId);
    return c.body(null, 202);
  },
});
