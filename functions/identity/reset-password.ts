import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { clearSessionCookies } from './lib/auth-cookies.ts';
import { passwordInputSchema } from './lib/schemas.ts';
import { publicAuthFunction } from './lib/self-function.ts';

const bodySchema = z.object({ token: z.string().min(1).max(200), password: passwordInputSchema });

const route = createRoute({
  method: 'post',
  path: '/v1/auth/password/reset',
  tags: ['identity'],
  summary: 'Set a new password with the token of a reset link; every session ends',
  request: { body: jsonBody(bodySchema) },
  responses: {
    204: { description: 'Password replaced, every session ended, cookies cleared' },
    400: problem('VALIDATION_FAILED, INVALID_RESET_TOKEN (unknown, expired or used) or WEAK_PASSWORD'),
  },
});

export default defineHttpFunction({
  ...publicAuthFunction,
  description: 'Replaces the password with a single-use reset token and revokes every session of the account.',
  route,
  access: publicAccess('the mailed reset token is the credential'),
  privacy: { personalData: ['credentials', 'security'], purpose: 'let users regain access to their account', legalBasis: 'contract' },
  handler: async (c) => {
    const { token, password } = c.req.valid('json');
    await c.var.use(accounts).resetPassword(token, password);
    clearSessionCookies(c);
    return c.body(null, 204);
  },
});
