import { createRoute } from '@hono/zod-openapi';
import { erasureIds } from '../../shared/infra/privacy/erasure-ids.ts';
import { erasureScheduling } from '../../shared/infra/privacy/erasure-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { clientIpOf } from '../../shared/platform/rate-limit/rules.ts';
import { erasureFunction, erasureStatusSchema, toErasureBody } from './lib/erasure-function.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/me/privacy/erasure',
  tags: ['privacy'],
  summary: 'Cancel the scheduled erasure of the caller’s account',
  responses: {
    200: json('Cancelled: nothing is scheduled', erasureStatusSchema),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    404: problem('ERASURE_NOT_SCHEDULED'),
    409: problem('ERASURE_CHANGE_CONFLICT (retry)'),
  },
});

export default defineHttpFunction({
  ...erasureFunction,
  description: 'Cancels the scheduled erasure of the caller’s account during its 30-day grace.',
  route,
  handler: async (c) => {
    const ip = clientIpOf(c.req.header('x-forwarded-for'));
    const { status } = await c.var.use(erasureScheduling).cancel(c.var.auth.userId, { ip });
    c.header('cache-control', 'no-store');
    return c.json(toErasureBody(status, c.var.auth.userId, c.var.use(erasureIds)), 200);
  },
});
