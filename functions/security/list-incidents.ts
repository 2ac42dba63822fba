import { createRoute, z } from '@hono/zod-openapi';
import { incidentStatuses } from '../../shared/security/index.ts';
import { staffMonitoring } from '../../shared/infra/security/monitoring-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { staffReadFunction, timeCursor } from './lib/staff-function.ts';
import { incidentSchema, toIncidentBody } from './lib/schemas.ts';

const query = pageQuery(50).extend({ status: z.enum(incidentStatuses).optional() });

const route = createRoute({
  method: 'get',
  path: '/v1/admin/security/incidents',
  tags: ['security'],
  summary: 'List security incidents (staff), newest first',
  request: { query },
  responses: {
    200: json('A page of incidents with their current status', pageOf(incidentSchema)),
    400: problem('VALIDATION_FAILED or INVALID_CURSOR'),
    403: problem('PERMISSION_DENIED: the platform role support, dpo or admin is needed'),
  },
});

export default defineHttpFunction({
  ...staffReadFunction,
  description: 'Lists security incidents (alerts of one rule and subject grouped over a period) with their status and assignee; audited.',
  route,
  handler: async (c) => {
    const { cursor, limit, status } = c.req.valid('query');
    const before = cursor === undefined ? null : timeCursor.decode(cursor);
    const list = (n: number) => c.var.use(staffMonitoring).listIncidents({ userId: c.var.auth.userId }, status, before, n);
    const { items, next } = await page(limit, list, (last) => timeCursor.encode({ at: last.openedAt, id: last.id }));
    return c.json({ items: items.map(toIncidentBody), nextCursor: next }, 200);
  },
});
