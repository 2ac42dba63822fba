import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { selfFunction } from './lib/self-function.ts';
import { secondFactorCodeSchema } from './lib/two-factor-schemas.ts';
import { rateLimiter } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/2fa/enable',
  tags: ['identity'],
  summary: 'Turn TOTP on with a code of the pending secret; returns ten single-use backup codes (shown once)',
  request: { body: jsonBody(z.object({ code: secondFactorCodeSchema })) },
  responses: {
    200: json('Enabled', z.object({ backupCodes: z.array(z.string()).length(10) })),
    400: problem('VALIDATION_FAILED or INVALID_TOTP_CODE'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    409: problem('TWO_FACTOR_ALREADY_ENABLED or TWO_FACTOR_NOT_SET_UP'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  name: 'identity-enable-two-factor',
  description: 'Confirms the pending TOTP secret with a code, turns 2FA on and issues ten hashed backup codes.',
  route,
  rateLimit: 'auth',
  rateLimiter,
  privacy: { personalData: ['credentials', 'security'], purpose: 'protect accounts with a second factor', legalBasis: 'contract' },
  handler: async (c) => {
    const result = await c.var.use(accounts).enableTwoFactor(c.var.auth.userId, c.req.valid('json').code);
    c.header('cache-control', 'no-store');
    return c.json(result, 200);
  },
});
