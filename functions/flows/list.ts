import { createRoute, z } from '@hono/zod-openapi';
import { createFlowReadService } from '../../shared/flows/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { decodeCursor, encodeCursor } from './lib/cursor.ts';
import { flowFunction, flowsFor } from './lib/flow-function.ts';
import { flowSummarySchema, json, toSummary, workspaceParams } from './lib/schemas.ts';

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
      cursor: z.string().max(200).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: json('A page of flow summaries', z.object({ items: z.array(flowSummarySchema), nextCursor: z.string().nullable() })),
  },
});

export default defineHttpFunction({
  ...flowFunction('flows:read'),
  description: 'Lists the flows of a workspace (not deleted), filtered by name and tag, cursor-paginated.',
  route,
  handler: async (c) => {
    const { ports } = flowsFor(c.var);
    const { search, tag, cursor, limit } = c.req.valid('query');
    const found = await createFlowReadService(ports).list(c.req.valid('param').workspaceId, {
      search: search ?? null,
      tag: tag ?? null,
      after: cursor === undefined ? null : decodeCursor(cursor),
      limit: limit + 1,
    });
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return c.json({ items: page.map(toSummary), nextCursor: found.length > limit && last ? encodeCursor(last) : null }, 200);
  },
});
