import { createRoute } from '@hono/zod-openapi';
import { createUsage } from '../../shared/billing/usage-service.ts';
import { usagePorts } from '../../shared/infra/billing/usage-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { ledgerReadFunction } from './lib/ledger-function.ts';
import { usageQuerySchema, usageReportSchema } from './lib/ledger-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/usage',
  tags: ['billing'],
  summary: 'Credits spent in a range of UTC days, grouped by operation, day or user',
  request: { params: workspaceParams, query: usageQuerySchema },
  responses: {
    200: json('Credits spent (committed reservations) in the range', usageReportSchema),
    400: problem('INVALID_USAGE_RANGE'),
  },
});

export default defineHttpFunction({
  ...ledgerReadFunction([usagePorts]),
  description: 'Sums a workspace’s committed credits over at most 366 UTC days, from the daily roll-ups and the live ledger entries.',
  route,
  handler: async (c) => {
    const report = await createUsage(c.var.use(usagePorts)).report(c.req.valid('param').workspaceId, c.req.valid('query'));
    return c.json(report, 200);
  },
});
