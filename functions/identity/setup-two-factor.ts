import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { selfFunction } from './lib/self-function.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/auth/2fa/setup',
  tags: ['identity'],
  summary: 'Start a TOTP setup: a new secret to scan, pending until enabled',
  responses: {
    200: json('The otpauth:// URI (show it as a QR code)', z.object({ otpauthUrl: z.string() })),
    401: problem('UNAUTHENTICATED, INVALID_TOKEN or USER_NOT_FOUND'),
    409: problem('TWO_FACTOR_ALREADY_ENABLED'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  description: 'Creates a pending TOTP secret (sealed at rest) and returns its otpauth:// URI.',
  route,
  rateLimit: rateLimited.auth,
  privacy: { personalData: ['credentials'], purpose: 'protect accounts with a second factor', legalBasis: 'contract' },
  handler: async (c) => {
    const result = await c.var.use(accounts).setupTwoFactor(c.var.auth.userId);
    c.header('cache-control', 'no-store');
    return c.json(result, 200);
  },
});
