import { createRoute, z } from '@hono/zod-openapi';
import { createLedger } from '../../shared/billing/index.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem, workspaceParams } from '../workspaces/lib/schemas.ts';
import { decodeLedgerCursor, encodeLedgerCursor } from './lib/ledger-cursor.ts';
import { ledgerReadFunction } from './lib/ledger-function.ts';
import { ledgerEntrySchema, toLedgerEntryBody } from './lib/ledger-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/credits/ledger',
  tags: ['billing'],
  summary: 'The workspace’s credit ledger, newest entry first',
  request: {
    params: workspaceParams,
    query: z.object({
      cursor: z.string().max(100).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
  },
  responses: {
    200: json('A page of ledger entries', z.object({ items: z.array(ledgerEntrySchema), nextCursor: z.string().nullable() })),
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
    const before = cursor === undefined ? null : decodeLedgerCursor(cursor);
    const found = await createLedger(c.var.use(ledgerPorts)).history(c.req.valid('param').workspaceId, { before, limit: limit + 1 });
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return c.json(
      { items: page.map(toLedgerEntryBody), nextCursor: found.length > limit && last ? encodeLedgerCursor(last.seq) : null },
      200,
    );
  },
});
