import { createRoute } from '@hono/zod-openapi';
import { breachRegister } from '../../shared/infra/privacy/breach-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { breachFunction } from './lib/breach-function.ts';
import { breachParams, breachSchema, toBreachBody } from './lib/breach-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/admin/breaches/{breachId}',
  tags: ['privacy'],
  summary: 'One breach: facts, status history, deadline and alerts (DPO)',
  request: { params: breachParams },
  responses: {
    200: json('The breach', breachSchema),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
    404: problem('BREACH_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...breachFunction,
  description: 'Shows a breach: its facts, its status history, the 72-hour authority deadline and the deadline alerts raised.',
  route,
  handler: async (c) => {
    const breach = await c.var.use(breachRegister).register.get(c.var.auth.userId, c.req.valid('param').breachId);
    c.header('cache-control', 'no-store');
    return c.json(toBreachBody(breach), 200);
  },
});
