import { createRoute, z } from '@hono/zod-openapi';
import { dpoDesk } from '../../shared/infra/privacy/dpo-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { staffActor } from './lib/audit-schemas.ts';
import { dpoFunction, privacyRequestSchema, toRequestBody } from './lib/dpo-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/admin/privacy/requests/{requestId}',
  tags: ['privacy'],
  summary: 'One data-subject request with its deadline and state (DPO)',
  request: {
    params: z.object({
      requestId: z
        .string()
        .regex(/^(export:pex_[0-9a-z]{20}|(erasure|restriction):usr_[0-9a-z]{20}:[1-9][0-9]{0,8})$/, 'must be a privacy request id'),
    }),
  },
  responses: {
    200: json('The request', privacyRequestSchema),
    400: problem('VALIDATION_FAILED'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    403: problem('PERMISSION_DENIED: the platform role dpo (or admin) is needed'),
    404: problem('PRIVACY_REQUEST_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...dpoFunction,
  description:
    'Shows one data-subject request (an export, an erasure or a restriction) with its deadline and state; the reading is audited.',
  route,
  handler: async (c) => {
    const request = await c.var.use(dpoDesk).view(staffActor(c.var.auth), c.req.valid('param').requestId);
    c.header('cache-control', 'no-store');
    return c.json(toRequestBody(request, new Date()), 200);
  },
});
