import { createRoute, z } from '@hono/zod-openapi';
import { breachRegister } from '../../shared/infra/privacy/breach-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { cursorCodec, page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { breachFunction } from './lib/breach-function.ts';
import { breachSummarySchema, toSummaryBody } from './lib/breach-schemas.ts';

const listCursor = cursorCodec(
  z.object({
    reportedAt: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }),
    id: z.string().max(40),
  }),
);

const route = createRoute({
  method: 'get',
  path: '/v1/admin/breaches',
  tags: ['privacy'],
  summary: 'The breach register, newest first (DPO)',
  request: { query: pageQuery(50) },
  responses: {
    200: json('A page of breaches with their status and authority deadline', pageOf(breachSummarySchema)),
    400: problem('INVALID_CURSOR'),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
  },
});

export default defineHttpFunction({
  ...breachFunction,
  description: 'Lists the breach register, newest first, each breach with its status and its 72-hour authority deadline.',
  route,
  handler: async (c) => {
    const { cursor, limit } = c.req.valid('query');
    const before = cursor === undefined ? null : listCursor.decode(cursor);
    const read = (n: number) => c.var.use(breachRegister).register.list(c.var.auth.userId, before, n);
    const { items, next } = await page(limit, read, (last) => listCursor.encode({ reportedAt: last.reportedAt, id: last.id }));
    c.header('cache-control', 'no-store');
    return c.json({ items: items.map(toSummaryBody), nextCursor: next }, 200);
  },
});
