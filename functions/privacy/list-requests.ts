import { createRoute, z } from '@hono/zod-openapi';
import { dpoDesk } from '../../shared/infra/privacy/dpo-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { requestKinds } from '../../shared/privacy/index.ts';
import { staffActor } from './lib/audit-schemas.ts';
import { dpoFunction, privacyRequestSchema, requestCursor, toRequestBody } from './lib/dpo-function.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/admin/privacy/requests',
  tags: ['privacy'],
  summary: 'Data-subject requests (exports, erasures, restrictions) with their 30-day deadlines, newest first (DPO)',
  request: { query: pageQuery(50).extend({ kind: z.enum(requestKinds).optional() }) },
  responses: {
    200: json('A page of requests', pageOf(privacyRequestSchema)),
    400: problem('VALIDATION_FAILED or INVALID_CURSOR'),
    401: problem('UNAUTHENTICATED or INVALID_TOKEN'),
    403: problem('PERMISSION_DENIED: the platform role dpo (or admin) is needed'),
  },
});

export default defineHttpFunction({
  ...dpoFunction,
  description: 'Lists the data-subject requests of every kind with their deadlines and state, newest first; the listing is audited.',
  route,
  handler: async (c) => {
    const { cursor, limit, kind } = c.req.valid('query');
    const before = cursor === undefined ? null : requestCursor.decode(cursor);
    const kinds = kind ? [kind] : requestKinds;
    const read = (n: number) => c.var.use(dpoDesk).list(staffActor(c.var.auth), kinds, before, n);
    const { items, next } = await page(limit, read, (last) => requestCursor.encode({ at: last.receivedAt, id: last.id }));
    const now = new Date();
    c.header('cache-control', 'no-store');
    return c.json({ items: items.map((item) => toRequestBody(item, now)), nextCursor: next }, 200);
  },
});
