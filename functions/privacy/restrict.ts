import { createRoute } from '@hono/zod-openapi';
import { auditLog } from '../../shared/infra/audit/audit-log-resource.ts';
import { restrictions } from '../../shared/infra/privacy/restrictions-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { clientIpOf } from '../../shared/platform/rate-limit/rules.ts';
import { restrictionChangeSchema } from '../../shared/privacy/index.ts';
import { restrictionFunction, restrictionsSchema, toRestrictionsBody } from './lib/restriction-function.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/me/privacy/restrictions',
  tags: ['privacy'],
  summary: 'Restrict or object to processing for a purpose, or lift it (`active: false`)',
  request: { body: jsonBody(restrictionChangeSchema) },
  responses: {
    200: json('The restrictions as they are now (a change that changes nothing is not recorded)', restrictionsSchema),
    400: problem('VALIDATION_FAILED'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    409: problem('RESTRICTION_CHANGE_CONFLICT (retry)'),
  },
});

export default defineHttpFunction({
  ...restrictionFunction,
  description:
    'Records a restriction of or an objection to processing for one purpose (or lifts it); the purpose then counts as not allowed.',
  route,
  handler: async (c) => {
    const userId = c.var.auth.userId;
    const change = c.req.valid('json');
    const ip = clientIpOf(c.req.header('x-forwarded-for'));
    const { state, entry } = await c.var.use(restrictions).change(userId, change, { origin: { by: 'self' }, ip });
    if (entry) {
      await c.var.use(auditLog).record({
        action: 'privacy.restriction_changed',
        target: { type: 'privacy_restriction', id: `${userId}:${entry.seq}` },
        details: { purpose: change.purpose, kind: change.kind, active: change.active },
        subjectId: userId,
        key: `restriction:${userId}:${entry.seq}`,
      });
    }
    c.header('cache-control', 'no-store');
    return c.json(toRestrictionsBody(state), 200);
  },
});
