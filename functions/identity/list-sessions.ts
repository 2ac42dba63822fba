import { createRoute, z } from '@hono/zod-openapi';
import { accounts } from '../../shared/infra/identity/accounts-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { selfFunction } from './lib/self-function.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const sessionSchema = z
  .object({
    id: z.string(),
    createdAt: z.string().datetime(),
    lastUsedAt: z.string().datetime().nullable().openapi({ description: 'The last refresh; null before the first' }),
    expiresAt: z.string().datetime(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean().openapi({ description: 'The session of this request' }),
    impersonation: z
      .object({ reason: z.string() })
      .nullable()
      .openapi({ description: 'Set when this is support staff acting as you (read-only unless you grant more); delete it to end it' }),
  })
  .openapi('Session');

const route = createRoute({
  method: 'get',
  path: '/v1/me/sessions',
  tags: ['identity'],
  summary: 'The caller’s live sessions, most recently used first',
  responses: {
    200: json('The sessions', z.object({ items: z.array(sessionSchema) })),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
  },
});

export default defineHttpFunction({
  ...selfFunction,
  description: 'Lists the caller’s live sessions (not revoked, refresh token unexpired), marking the current one.',
  route,
  rateLimit: rateLimited.api,
  privacy: { personalData: ['network', 'usage'], purpose: 'let users see where they are signed in', legalBasis: 'contract' },
  handler: async (c) => {
    const sessions = await c.var.use(accounts).listSessions(c.var.auth.userId, c.var.auth.sessionId);
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    c.header('cache-control', 'no-store');
    const items = sessions.map((s) => ({
      ...s,
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      lastUsedAt: iso(s.lastUsedAt),
    }));
    return c.json({ items }, 200);
  },
});
