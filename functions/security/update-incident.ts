import { createRoute, z } from '@hono/zod-openapi';
import { DomainError, idSchema } from '../../shared/kernel/index.ts';
import { staffMonitoring } from '../../shared/infra/security/monitoring-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { incidentStatuses } from '../../shared/security/index.ts';
import { staffWriteFunction } from './lib/staff-function.ts';
import { incidentEtag, incidentSchema, toIncidentBody, versionFromIfMatch } from './lib/schemas.ts';

const body = z
  .object({
    status: z.enum(incidentStatuses).optional().openapi({ description: 'open → acknowledged → closed; closed → open reopens' }),
    assignee: idSchema('usr').nullable().optional().openapi({ description: 'A staff account, or null to unassign' }),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.assignee !== undefined || b.note !== undefined, 'send status, assignee or note');

const route = createRoute({
  method: 'patch',
  path: '/v1/admin/security/incidents/{incidentId}',
  tags: ['security'],
  summary: 'Acknowledge, assign, close or reopen a security incident (staff)',
  request: {
    params: z.object({ incidentId: idSchema('inc') }),
    headers: z.object({ 'if-match': z.string().max(100).openapi({ description: 'The incident’s ETag (`"<version>"`)' }) }),
    body: jsonBody(body),
  },
  responses: {
    200: json('The incident after the change (ETag: its new version)', incidentSchema),
    400: problem('VALIDATION_FAILED'),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
    404: problem('INCIDENT_NOT_FOUND'),
    409: problem('INCIDENT_TRANSITION_INVALID'),
    412: problem('PRECONDITION_FAILED: the incident changed since that version'),
    422: problem('INCIDENT_ASSIGNEE_INVALID: not a staff account'),
    428: problem('PRECONDITION_REQUIRED: send If-Match with the incident’s ETag'),
  },
});

export default defineHttpFunction({
  ...staffWriteFunction,
  description:
    'Moves a security incident through its workflow (acknowledge, assign, close, reopen) at the version the caller read (If-Match); each change is one insert into its history, and audited.',
  route,
  handler: async (c) => {
    const { incidentId } = c.req.valid('param');
    const version = versionFromIfMatch(c.req.valid('header')['if-match']);
    if (version === null) {
      throw new DomainError('precondition_required', 'PRECONDITION_REQUIRED', { detail: 'Send If-Match with the incident’s ETag.' });
    }
    if (Number.isNaN(version)) {
      throw new DomainError('precondition', 'PRECONDITION_FAILED', { detail: 'The If-Match names no version of this incident.' });
    }
    const updated = await c.var
      .use(staffMonitoring)
      .updateIncident({ userId: c.var.auth.userId }, incidentId, version, c.req.valid('json'));
    c.header('ETag', incidentEtag(updated.version));
    return c.json(toIncidentBody(updated), 200);
  },
});
