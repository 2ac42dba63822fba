import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { selfFunction } from './lib/self-function.ts';
import { secondFactorCodeSchema } from './lib/two-factor-schemas.ts';
import { rateLimiter } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/2fa/disable',
  tags: ['identity'],
  summary: 'Turn TOTP off with a current code or a backup code',
  request: { body: jsonBody(z.object({ code: secondFactorCodeSchema })) },
  responses: {
    204: { description: 'Disabled; the backup codes stop working' },
    400: problem('VALIDATION_FAILED or INVALID_TOTP_CODE'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    409: problem('TWO_FACTOR_NOT_ENABLED'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  name: 'identity-disable-two-factor',
  description: 'Turns 2FA off after checking a TOTP code or a backup code.',
  route,
  rateLimit: 'auth',
  rateLimiter,
  privacy: { personalData: ['credentials', 'security'], purpose: 'protect accounts with a second factor', legalBasis: 'contract' },
  handler: async (c) => {
    await c.var.use(accounts).disableTwoFactor(c.var.auth.userId, c.req.valid('json').code);
    return c.body(null, 204);
  },
});
