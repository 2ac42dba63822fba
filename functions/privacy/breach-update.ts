import { createRoute, z } from '@hono/zod-openapi';
import { breachStatuses } from '../../shared/breach/index.ts';
import { breachRegister } from '../../shared/infra/privacy/breach-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { breachFunction } from './lib/breach-function.ts';
import { breachParams, breachSchema, toBreachBody } from './lib/breach-schemas.ts';
import { staffActorId } from './lib/breach-staff.ts';

const body = z
  .object({
    status: z.enum(breachStatuses.filter((s) => s !== 'suspected') as ['confirmed', 'authority_notified', 'subjects_notified', 'closed']),
    note: z.string().trim().min(1).max(2000).optional().openapi({
      description: 'Required when closing, and when the authority is told after the deadline (the reasons for the delay)',
    }),
  })
  .openapi('BreachStatusChange');

const route = createRoute({
  method: 'patch',
  path: '/v1/admin/breaches/{breachId}',
  tags: ['privacy'],
  summary: 'Move a breach along its workflow (DPO)',
  request: { params: breachParams, body: jsonBody(body) },
  responses: {
    200: json('The breach after the change', breachSchema),
    400: problem('VALIDATION_FAILED or BREACH_NOTE_REQUIRED'),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
    404: problem('BREACH_NOT_FOUND'),
    409: problem('BREACH_STATUS_TRANSITION_INVALID (with `currentStatus` and `allowed`) or BREACH_CHANGE_CONFLICT'),
  },
});

export default defineHttpFunction({
  ...breachFunction,
  description:
    'Changes a breach’s status: suspected → confirmed → authority_notified → subjects_notified → closed (closing possible at each step, with a note); audited.',
  route,
  handler: async (c) => {
    const { status, note } = c.req.valid('json');
    const breach = await c.var
      .use(breachRegister)
      .register.changeStatus(staffActorId(c.var.auth), c.req.valid('param').breachId, status, note ?? null);
    return c.json(toBreachBody(breach), 200);
  },
});
