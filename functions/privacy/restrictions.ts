import { createRoute } from '@hono/zod-openapi';
import { restrictions } from '../../shared/infra/privacy/restrictions-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { restrictionFunction, restrictionsSchema, toRestrictionsBody } from './lib/restriction-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me/privacy/restrictions',
  tags: ['privacy'],
  summary: 'The caller’s restrictions of and objections to processing, per purpose',
  responses: {
    200: json('Per purpose: the restriction or objection held, or null', restrictionsSchema),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
  },
});

export default defineHttpFunction({
  ...restrictionFunction,
  uses: [restrictions],
  description: 'Shows, per purpose, whether the caller restricted or objected to its processing, and since when.',
  route,
  handler: async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(toRestrictionsBody(await c.var.use(restrictions).current(c.var.auth.userId)), 200);
  },
});
