import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { publicAuthFunction } from './lib/self-function.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/email/verify',
  tags: ['identity'],
  summary: 'Confirm the e-mail address with the token of the verification link',
  request: { body: jsonBody(z.object({ token: z.string().min(1).max(200) })) },
  responses: {
    204: { description: 'The address is verified' },
    400: problem('VALIDATION_FAILED, or INVALID_VERIFICATION_TOKEN (unknown, expired, used or superseded)'),
  },
});

export default defineHttpFunction({
  ...publicAuthFunction,
  description: 'Marks an e-mail address verified with a single-use link token (24 hours).',
  route,
  access: publicAccess('the mailed token is the credential; the link is opened from a mail client'),
  privacy: { personalData: ['contact', 'credentials'], purpose: 'confirm that users own their e-mail address', legalBasis: 'contract' },
  handler: async (c) => {
    await c.var.use(accounts).verifyEmail(c.req.valid('json').token);
    return c.body(null, 204);
  },
});
