import { createRoute } from '@hono/zod-openapi';
import { createLedger } from '../../shared/billing/index.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { ledgerCursor } from './lib/ledger-cursor.ts';
import { ledgerReadFunction } from './lib/ledger-function.ts';
import { ledgerEntrySchema, toLedgerEntryBody } from './lib/ledger-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/credits/ledger',
  tags: ['billing'],
  summary: 'The workspace’s credit ledger, newest entry first',
  request: { params: workspaceParams, query: pageQuery(50) },
  responses: {
    200: json('A page of ledger entries', pageOf(ledgerEntrySchema)),
    400: problem('INVALID_CURSOR'),
  },
});

export default defineHttpFunction({
  ...ledgerReadFunction([ledgerPorts]),
  description:
    'Lists a workspace’s credit ledger entries (grants, reservations, commits, releases, expiries, refunds, adjustments), newest first.',
  route,
  handler: async (c) => {
    const { cursor, limit } = c.req.valid('query');
    const before = cursor === undefined ? null : ledgerCursor.decode(cursor).seq;
    const history = (n: number) => createLedger(c.var.use(ledgerPorts)).history(c.req.valid('param').workspaceId, { before, limit: n });
    const { items, next } = await page(limit, history, (last) => ledgerCursor.encode({ seq: last.seq }));
    return c.json({ items: items.map(toLedgerEntryBody), nextCursor: next }, 200);
  },
});
