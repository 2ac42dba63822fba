import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { meSchema } from './lib/schemas.ts';
import { selfFunction } from './lib/self-function.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'patch',
  path: '/v1/me',
  tags: ['identity'],
  summary: 'Change the caller’s own account (the display name)',
  request: { body: jsonBody(z.object({ name: z.string().trim().min(1).max(100) }).strict()) },
  responses: {
    200: json('The account as it is now', meSchema),
    400: problem('VALIDATION_FAILED'),
    401: problem('UNAUTHENTICATED, INVALID_TOKEN or USER_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  description: 'Renames the authenticated user’s account.',
  route,
  rateLimit: rateLimited.api,
  privacy: { personalData: ['identity'], purpose: 'let users keep their own account up to date', legalBasis: 'contract' },
  handler: async (c) => {
    const profile = await c.var.use(accounts).updateProfile(c.var.auth.userId, c.req.valid('json'));
    c.header('cache-control', 'no-store');
    return c.json({ ...profile, createdAt: profile.createdAt.toISOString() }, 200);
  },
});
