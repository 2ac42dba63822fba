import { createRoute, z } from '@hono/zod-openapi';
import { ruleNames, severities } from '../../shared/security/index.ts';
import { staffMonitoring } from '../../shared/infra/security/monitoring-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { idSchema } from '../../shared/kernel/index.ts';
import { staffReadFunction, timeCursor } from './lib/staff-function.ts';
import { alertSchema, toAlertBody } from './lib/schemas.ts';

const query = pageQuery(50).extend({
  rule: z.enum(ruleNames).optional(),
  severity: z.enum(severities).optional(),
  incident: idSchema('inc').optional(),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Alerts raised at or after this time' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Alerts raised before this time' }),
});

const route = createRoute({
  method: 'get',
  path: '/v1/admin/security/alerts',
  tags: ['security'],
  summary: 'List security alerts (staff), newest first',
  request: { query },
  responses: {
    200: json('A page of alerts', pageOf(alertSchema)),
    400: problem('VALIDATION_FAILED or INVALID_CURSOR'),
    403: problem('PERMISSION_DENIED: the platform role support, dpo or admin is needed'),
  },
});

export default defineHttpFunction({
  ...staffReadFunction,
  description: 'Lists the alerts the detection rules raised, by rule, severity, incident and time; the listing is audited.',
  route,
  handler: async (c) => {
    const { cursor, limit, rule, severity, incident, from, to } = c.req.valid('query');
    const before = cursor === undefined ? null : timeCursor.decode(cursor);
    const filter = {
      ...(rule ? { rule } : {}),
      ...(severity ? { severity } : {}),
      ...(incident ? { incidentId: incident } : {}),
      ...(from ? { from: new Date(from) } : {}),
      ...(to ? { to: new Date(to) } : {}),
    };
    const list = (n: number) => c.var.use(staffMonitoring).listAlerts({ userId: c.var.auth.userId }, filter, before, n);
    const { items, next } = await page(limit, list, (last) => timeCursor.encode({ at: last.raisedAt, id: last.id }));
    return c.json({ items: items.map(toAlertBody), nextCursor: next }, 200);
  },
});
