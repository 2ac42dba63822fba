import { createRoute } from '@hono/zod-openapi';
import { erasureIds } from '../../shared/infra/privacy/erasure-ids.ts';
import { erasureScheduling } from '../../shared/infra/privacy/erasure-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { clientIpOf } from '../../shared/platform/rate-limit/rules.ts';
import { erasureFunction, erasureStatusSchema, toErasureBody } from './lib/erasure-function.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/me/privacy/erasure',
  tags: ['privacy'],
  summary: 'Ask for the caller’s account to be erased in 30 days (cancellable until then)',
  responses: {
    202: json('Scheduled (asking again keeps the date)', erasureStatusSchema),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    409: problem('ERASURE_SOLE_OWNER (`workspaceIds`: transfer or delete them first) or ERASURE_CHANGE_CONFLICT (retry)'),
  },
});

export default defineHttpFunction({
  ...erasureFunction,
  description: 'Schedules the erasure of the caller’s account 30 days ahead; refused while they alone own a workspace with other members.',
  route,
  handler: async (c) => {
    const ip = clientIpOf(c.req.header('x-forwarded-for'));
    const { status } = await c.var.use(erasureScheduling).request(c.var.auth.userId, { ip });
    c.header('cache-control', 'no-store');
    return c.json(toErasureBody(status, c.var.auth.userId, c.var.use(erasureIds)), 202);
  },
});
