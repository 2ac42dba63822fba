import { createRoute, z } from '@hono/zod-openapi';
import { createFlowReadService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { flowCursor } from './lib/cursor.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowSummarySchema, toSummary } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/flows',
  tags: ['flows'],
  summary: 'List the workspace’s flows, most recently changed first',
  request: {
    params: workspaceParams,
    query: z.object({
      search: z.string().trim().min(1).max(100).optional().openapi({ description: 'Part of the name (case-insensitive)' }),
      tag: z.string().min(1).max(50).optional(),
      ...pageQuery(20).shape,
    }),
  },
  responses: {
    200: json('A page of flow summaries', pageOf(flowSummarySchema)),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:read'),
  description: 'Lists the flows of a workspace (not deleted), filtered by name and tag, cursor-paginated.',
  route,
  handler: async (c) => {
    const { ports } = flowsFor(c.var);
    const { search, tag, cursor, limit } = c.req.valid('query');
    const after = cursor === undefined ? null : flowCursor.decode(cursor);
    const query = { search: search ?? null, tag: tag ?? null, after };
    const list = (n: number) => createFlowReadService(ports).list(c.req.valid('param').workspaceId, { ...query, limit: n });
    const { items, next } = await page(limit, list, flowCursor.encode);
    return c.json({ items: items.map(toSummary), nextCursor: next }, 200);
  },
});
