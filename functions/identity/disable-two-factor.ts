import { createRoute } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { clientIp } from './lib/auth-cookies.ts';
import { selfFunction } from './lib/self-function.ts';
import { twoFactorChangeSchema } from './lib/two-factor-schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/2fa/disable',
  tags: ['identity'],
  summary: 'Turn TOTP off with a current code or a backup code',
  request: { body: jsonBody(twoFactorChangeSchema) },
  responses: {
    204: { description: 'Disabled; the backup codes stop working' },
    400: problem('VALIDATION_FAILED or INVALID_TOTP_CODE'),
    401: problem('UNAUTHENTICATED, INVALID_TOKEN or USER_NOT_FOUND'),
    403: problem('REAUTHENTICATION_REQUIRED (no password) or INVALID_CURRENT_PASSWORD (counted toward the login lockout)'),
    409: problem('TWO_FACTOR_NOT_ENABLED'),
    429: problem('ACCOUNT_LOCKED'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  description: 'Turns 2FA off after checking a TOTP code or a backup code.',
  route,
  rateLimit: rateLimited.auth,
  privacy: {
    personalData: ['credentials', 'network', 'security'],
    purpose: 'protect accounts with a second factor',
    legalBasis: 'contract',
  },
  handler: async (c) => {
    const { userId, sessionId } = c.var.auth;
    await c.var.use(accounts).disableTwoFactor({ ...c.req.valid('json'), userId, sessionId, ip: clientIp(c) });
    return c.body(null, 204);
  },
});
