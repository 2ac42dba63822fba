import { createRoute } from '@hono/zod-openapi';
import { erasureIds } from '../../shared/infra/privacy/erasure-ids.ts';
import { erasureScheduling } from '../../shared/infra/privacy/erasure-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { erasureFunction, erasureStatusSchema, toErasureBody } from './lib/erasure-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me/privacy/erasure',
  tags: ['privacy'],
  summary: 'Whether an erasure of the caller’s account is scheduled, and for when',
  responses: {
    200: json('The erasure state', erasureStatusSchema),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
  },
});

export default defineHttpFunction({
  ...erasureFunction,
  description: 'Tells whether an erasure of the caller’s account is scheduled (the web app shows it after sign-in).',
  route,
  handler: async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(
      toErasureBody(await c.var.use(erasureScheduling).status(c.var.auth.userId), c.var.auth.userId, c.var.use(erasureIds)),
      200,
    );
  },
});
