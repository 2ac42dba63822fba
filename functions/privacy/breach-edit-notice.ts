import { createRoute, z } from '@hono/zod-openapi';
import { noticeAudiences, noticeSections } from '../../shared/breach/index.ts';
import { breachRegister } from '../../shared/infra/privacy/breach-resources.ts';
import { DomainError } from '../../shared/kernel/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { breachFunction } from './lib/breach-function.ts';
import { breachParams, noticeSchema, toNoticeBody } from './lib/breach-schemas.ts';
import { staffActorId } from './lib/breach-staff.ts';

const params = breachParams.extend({ audience: z.enum(noticeAudiences) });
const body = z
  .object({
    baseVersion: z.number().int().min(1).openapi({ description: 'The version edited: the newest, or 409' }),
    sections: z.record(z.string().max(40), z.string().trim().min(1).max(8000)),
  })
  .openapi('BreachNoticeEdit');

const route = createRoute({
  method: 'put',
  path: '/v1/admin/breaches/{breachId}/notices/{audience}',
  tags: ['privacy'],
  summary: 'Save the DPO’s edit of a notice as its next version',
  request: { params, body: jsonBody(body) },
  responses: {
    200: json('The new version', noticeSchema),
    400: problem('VALIDATION_FAILED (a section the notice does not have)'),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
    404: problem('BREACH_NOT_FOUND or BREACH_NOTICE_NOT_FOUND'),
    409: problem('BREACH_NOTICE_VERSION_CONFLICT (with `currentVersion`)'),
  },
});

export default defineHttpFunction({
  ...breachFunction,
  description: 'Saves the DPO’s edit of a notice (the sections changed) as a new version; earlier versions stay; audited.',
  route,
  handler: async (c) => {
    const { breachId, audience } = c.req.valid('param');
    const { baseVersion, sections } = c.req.valid('json');
    const known: readonly string[] = noticeSections[audience];
    const unknown = Object.keys(sections).filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new DomainError('invalid', 'VALIDATION_FAILED', {
        detail: `Unknown sections for the ${audience} notice: ${unknown.join(', ')}.`,
        extensions: { errors: unknown.map((name) => ({ path: `sections.${name}`, message: `must be one of ${known.join(', ')}` })) },
      });
    }
    const saved = await c.var.use(breachRegister).investigation.edit(staffActorId(c.var.auth), breachId, audience, baseVersion, sections);
    return c.json(toNoticeBody(saved), 200);
  },
});
