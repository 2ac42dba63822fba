import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../../shared/kernel/index.ts';
import { staffMonitoring } from '../../shared/infra/security/monitoring-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { staffReadFunction } from './lib/staff-function.ts';
import {
  alertSchema,
  incidentChangeSchema,
  incidentEtag,
  incidentSchema,
  toAlertBody,
  toChangeBody,
  toIncidentBody,
} from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/admin/security/incidents/{incidentId}',
  tags: ['security'],
  summary: 'Read a security incident with its alerts and history (staff)',
  request: { params: z.object({ incidentId: idSchema('inc') }) },
  responses: {
    200: json(
      'The incident (ETag: its version), its alerts (newest first, up to 200) and its history',
      z.object({ incident: incidentSchema, alerts: z.array(alertSchema), history: z.array(incidentChangeSchema) }),
    ),
    400: problem('VALIDATION_FAILED'),
    403: problem('PERMISSION_DENIED: the platform role support, dpo or admin is needed'),
    404: problem('INCIDENT_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...staffReadFunction,
  description: 'Reads one security incident: its status, assignee and version (ETag), its alerts and its change history; audited.',
  route,
  handler: async (c) => {
    const { incidentId } = c.req.valid('param');
    const found = await c.var.use(staffMonitoring).getIncident({ userId: c.var.auth.userId }, incidentId);
    c.header('ETag', incidentEtag(found.incident.version));
    return c.json(
      { incident: toIncidentBody(found.incident), alerts: found.alerts.map(toAlertBody), history: found.history.map(toChangeBody) },
      200,
    );
  },
});
