import { createRoute, z } from '@hono/zod-openapi';
import { maxImpersonationMinutes } from '../../shared/identity/index.ts';
import { impersonations } from '../../shared/infra/identity/impersonations-resource.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { impersonationStaffFunction } from './lib/impersonation-function.ts';

const bodySchema = z.object({
  userId: idSchema('usr'),
  reason: z.string().trim().min(10).max(300).openapi({ description: 'Why (a ticket reference and a few words); shown to the user' }),
  minutes: z.number().int().min(1).max(maxImpersonationMinutes).default(15),
});

const resultSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    startedAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
    accessToken: z.string().openapi({ description: 'Acts as the user, read-only, until expiresAt (or DELETE)' }),
    expiresIn: z.number().int(),
  })
  .openapi('Impersonation');

const route = createRoute({
  method: 'post',
  path: '/v1/admin/impersonations',
  tags: ['identity'],
  summary: 'Act as a user, read-only and time-boxed (support staff)',
  request: { body: jsonBody(bodySchema) },
  responses: {
    201: json('The impersonation and its access token', resultSchema),
    400: problem('VALIDATION_FAILED (minutes above 30, a reason too short)'),
    403: problem('PERMISSION_DENIED, STAFF_2FA_REQUIRED, or IMPERSONATION_NOT_ALLOWED for a staff account'),
    404: problem('USER_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...impersonationStaffFunction,
  description:
    'Starts a support impersonation: a session of the user (≤ 30 minutes, read-only unless the user grants writes) whose every request is audited.',
  route,
  handler: async (c) => {
    const started = await c.var.use(impersonations).start(c.var.auth.userId, c.req.valid('json'));
    c.header('cache-control', 'no-store');
    return c.json({ ...started, startedAt: started.startedAt.toISOString(), expiresAt: started.expiresAt.toISOString() }, 201);
  },
});
