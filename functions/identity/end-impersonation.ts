import { createRoute, z } from '@hono/zod-openapi';
import { impersonations } from '../../shared/infra/identity/impersonations-resource.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { impersonationStaffFunction } from './lib/impersonation-function.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/admin/impersonations/{impersonationId}',
  tags: ['identity'],
  summary: 'End an impersonation before its time box (support staff)',
  request: { params: z.object({ impersonationId: idSchema('imp') }) },
  responses: {
    204: { description: 'Ended: its token stops at once' },
    403: problem('PERMISSION_DENIED or STAFF_2FA_REQUIRED'),
    404: problem('IMPERSONATION_NOT_FOUND (unknown, or over already)'),
  },
});

export default defineHttpFunction({
  ...impersonationStaffFunction,
  description: 'Ends a live support impersonation early; the end is audited.',
  route,
  handler: async (c) => {
    await c.var.use(impersonations).end(c.var.auth.userId, c.req.valid('param').impersonationId);
    return c.body(null, 204);
  },
});
