import { createRoute, z } from '@hono/zod-openapi';
import { noticeAudiences } from '../../shared/breach/index.ts';
import { breachRegister } from '../../shared/infra/privacy/breach-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { breachFunction } from './lib/breach-function.ts';
import { breachParams, noticeSchema, toNoticeBody } from './lib/breach-schemas.ts';
import { staffActorId } from './lib/breach-staff.ts';

const body = z.object({ audience: z.enum(noticeAudiences) }).openapi('BreachNoticeRequest');

const route = createRoute({
  method: 'post',
  path: '/v1/admin/breaches/{breachId}/notices',
  tags: ['privacy'],
  summary: 'Draft a notice for the authority (Art. 33) or the people affected (Art. 34) (DPO)',
  request: { params: breachParams, body: jsonBody(body) },
  responses: {
    201: json('The new version of the draft', noticeSchema),
    400: problem('VALIDATION_FAILED'),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
    404: problem('BREACH_NOT_FOUND'),
    409: problem('BREACH_CHANGE_CONFLICT'),
  },
});

export default defineHttpFunction({
  ...breachFunction,
  description: 'Drafts a notice in English from the breach and its newest blast radius, as a new version the DPO then edits; audited.',
  route,
  handler: async (c) => {
    const draft = await c.var
      .use(breachRegister)
      .investigation.draft(staffActorId(c.var.auth), c.req.valid('param').breachId, c.req.valid('json').audience);
    return c.json(toNoticeBody(draft), 201);
  },
});
