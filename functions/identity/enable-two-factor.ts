import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { clientIp } from './lib/auth-cookies.ts';
import { selfFunction } from './lib/self-function.ts';
import { twoFactorChangeSchema } from './lib/two-factor-schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/2fa/enable',
  tags: ['identity'],
  summary: 'Turn TOTP on with a code of the pending secret; returns ten single-use backup codes (shown once)',
  request: { body: jsonBody(twoFactorChangeSchema) },
  responses: {
    200: json('Enabled', z.object({ backupCodes: z.array(z.string()).length(10) })),
    400: problem('VALIDATION_FAILED or INVALID_TOTP_CODE'),
    401: problem('UNAUTHENTICATED, INVALID_TOKEN or USER_NOT_FOUND'),
    403: problem('REAUTHENTICATION_REQUIRED (no password) or INVALID_CURRENT_PASSWORD (counted toward the login lockout)'),
    409: problem('TWO_FACTOR_ALREADY_ENABLED or TWO_FACTOR_NOT_SET_UP'),
    429: problem('ACCOUNT_LOCKED'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  description: 'Confirms the pending TOTP secret with a code, turns 2FA on and issues ten hashed backup codes.',
  route,
  rateLimit: rateLimited.auth,
  privacy: {
    personalData: ['credentials', 'network', 'security'],
    purpose: 'protect accounts with a second factor',
    legalBasis: 'contract',
  },
  handler: async (c) => {
    const { userId, sessionId } = c.var.auth;
    const result = await c.var.use(accounts).enableTwoFactor({ ...c.req.valid('json'), userId, sessionId, ip: clientIp(c) });
    c.header('cache-control', 'no-store');
    return c.json(result, 200);
  },
});
