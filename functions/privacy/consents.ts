import { createRoute } from '@hono/zod-openapi';
import { consents } from '../../shared/infra/privacy/consents-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { consentFunction, consentsSchema, toConsentsBody } from './lib/consent-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me/consents',
  tags: ['privacy'],
  summary: 'The caller’s consent per purpose, and the consent text version shown now',
  responses: {
    200: json('Each purpose: granted or not, when and under which text version', consentsSchema),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
  },
});

export default defineHttpFunction({
  ...consentFunction,
  description: 'Returns the caller’s consent per purpose (necessary, functional, analytics, marketing, ai_improvement).',
  route,
  handler: async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(toConsentsBody(await c.var.use(consents).current(c.var.auth.userId)), 200);
  },
});
