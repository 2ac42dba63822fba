import { createRoute, z } from '@hono/zod-openapi';
import { createDocumentService } from '../../shared/knowledge/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { knowledgeFor, knowledgeFunction } from './lib/knowledge-function.ts';
import { decodeCursor, documentSchema, encodeCursor, json, toDocumentBody, workspaceParams } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/knowledge/documents',
  tags: ['knowledge'],
  summary: 'List the workspace’s knowledge documents, newest first',
  request: {
    params: workspaceParams,
    query: z.object({
      cursor: z.string().max(200).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: json(
      'A page of documents (status, size, chunk count, embedding model)',
      z.object({ items: z.array(documentSchema), nextCursor: z.string().nullable() }),
    ),
  },
});

export default defineHttpFunction({
  ...knowledgeFunction('knowledge:read'),
  name: 'knowledge-list-documents',
  description: 'Lists a workspace’s knowledge documents with their status, size, chunk count and embedding model, cursor-paginated.',
  route,
  handler: async (c) => {
    const { ports, workspaceId } = knowledgeFor(c.var);
    const { cursor, limit } = c.req.valid('query');
    const found = await createDocumentService(ports).list(workspaceId, {
      after: cursor === undefined ? null : decodeCursor(cursor),
      limit: limit + 1,
    });
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return c.json({ items: page.map(toDocumentBody), nextCursor: found.length > limit && last ? encodeCursor(last) : null }, 200);
  },
});
