import { createRoute } from '@hono/zod-openapi';
import { dpoDesk } from '../../shared/infra/privacy/dpo-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { clientIpOf } from '../../shared/platform/rate-limit/rules.ts';
import { onBehalfSchema } from '../../shared/privacy/index.ts';
import { staffActor } from './lib/audit-schemas.ts';
import { dpoFunction, privacyRequestSchema, toRequestBody } from './lib/dpo-function.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/admin/privacy/requests',
  tags: ['privacy'],
  summary: 'Enter a request received by post or e-mail for the person, and carry it out as if asked in the app (DPO)',
  request: { body: jsonBody(onBehalfSchema) },
  responses: {
    201: json('The request as recorded (a repeated one is the one already there)', privacyRequestSchema),
    400: problem('VALIDATION_FAILED'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    403: problem('PERMISSION_DENIED: the platform role dpo (or admin) is needed'),
    404: problem('PRIVACY_SUBJECT_NOT_FOUND'),
    409: problem('ERASURE_SOLE_OWNER (`workspaceIds`), ERASURE_CHANGE_CONFLICT or RESTRICTION_CHANGE_CONFLICT'),
  },
});

export default defineHttpFunction({
  ...dpoFunction,
  description: 'Enters an export, erasure or restriction request the DPO received by post or e-mail, for the person named; audited.',
  route,
  handler: async (c) => {
    const staff = staffActor(c.var.auth);
    const ip = clientIpOf(c.req.header('x-forwarded-for'));
    const request = await c.var.use(dpoDesk).create({ ...staff, id: c.var.auth.userId }, c.req.valid('json'), ip);
    c.header('cache-control', 'no-store');
    return c.json(toRequestBody(request, new Date()), 201);
  },
});
