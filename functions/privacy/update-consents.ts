import { createRoute, z } from '@hono/zod-openapi';
import { consents } from '../../shared/infra/privacy/consents-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { clientIpOf } from '../../shared/platform/rate-limit/rules.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { consentChangesSchema } from '../../shared/privacy/index.ts';
import { consentFunction, consentsSchema, toConsentsBody } from './lib/consent-function.ts';

const bodySchema = consentChangesSchema
  .extend({
    /** `necessary` cannot be turned off: only `true` is accepted, and changes nothing. */
    necessary: z.literal(true).optional(),
    textVersion: z.string().min(1).max(40).openapi({ description: 'The consent text version the person was shown (GET answers it)' }),
  })
  .strict();

const route = createRoute({
  method: 'put',
  path: '/v1/me/consents',
  tags: ['privacy'],
  summary: 'Change some of the caller’s consents (purposes left out stay as they are)',
  request: { body: jsonBody(bodySchema) },
  responses: {
    200: json('Each purpose as it is now', consentsSchema),
    400: problem('VALIDATION_FAILED or CONSENT_CHANGE_EMPTY'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    409: problem('CONSENT_TEXT_OUTDATED (show the current text, then ask again) or CONSENT_CHANGE_CONFLICT (retry)'),
  },
});

export default defineHttpFunction({
  ...consentFunction,
  description: 'Changes the caller’s consents per purpose; each change is appended to their history (when, text version, address hash).',
  route,
  handler: async (c) => {
    const { textVersion, functional, analytics, marketing, ai_improvement } = c.req.valid('json');
    const changes = { functional, analytics, marketing, ai_improvement };
    const ip = clientIpOf(c.req.header('x-forwarded-for'));
    const now = await c.var.use(consents).update(c.var.auth.userId, changes, { shownVersion: textVersion, ip });
    c.header('cache-control', 'no-store');
    return c.json(toConsentsBody(now), 200);
  },
});
