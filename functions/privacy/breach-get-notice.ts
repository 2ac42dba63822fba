import { createRoute, z } from '@hono/zod-openapi';
import { noticeAudiences } from '../../shared/breach/index.ts';
import { breachRegister } from '../../shared/infra/privacy/breach-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { breachFunction } from './lib/breach-function.ts';
import { breachParams, noticeSchema, toNoticeBody } from './lib/breach-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/admin/breaches/{breachId}/notices/{audience}',
  tags: ['privacy'],
  summary: 'A notice draft: the newest version, or the one asked (DPO)',
  request: {
    params: breachParams.extend({ audience: z.enum(noticeAudiences) }),
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
  },
  responses: {
    200: json('The draft', noticeSchema),
    400: problem('VALIDATION_FAILED'),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
    404: problem('BREACH_NOT_FOUND or BREACH_NOTICE_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...breachFunction,
  description: 'Shows a notice draft of a breach, its newest version or an earlier one.',
  route,
  handler: async (c) => {
    const { breachId, audience } = c.req.valid('param');
    const { version } = c.req.valid('query');
    const notice = await c.var.use(breachRegister).investigation.notice(c.var.auth.userId, breachId, audience, version ?? null);
    c.header('cache-control', 'no-store');
    return c.json(toNoticeBody(notice), 200);
  },
});
