import { createRoute } from '@hono/zod-openapi';
import { breachRegister } from '../../shared/infra/privacy/breach-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { breachFunction } from './lib/breach-function.ts';
import { blastRadiusSchema, breachParams, toRadiusBody } from './lib/breach-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/admin/breaches/{breachId}/blast-radius',
  tags: ['privacy'],
  summary: 'The newest blast radius kept for a breach (DPO)',
  request: { params: breachParams },
  responses: {
    200: json('The newest assessment', blastRadiusSchema),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
    404: problem('BREACH_NOT_FOUND or BREACH_ASSESSMENT_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...breachFunction,
  description: 'Shows the newest blast radius computed for a breach (each computation is kept, numbered).',
  route,
  handler: async (c) => {
    const { seq, radius } = await c.var
      .use(breachRegister)
      .investigation.latestAssessment(c.var.auth.userId, c.req.valid('param').breachId);
    c.header('cache-control', 'no-store');
    return c.json(toRadiusBody(seq, radius), 200);
  },
});
