import { createRoute } from '@hono/zod-openapi';
import { createDocumentService } from '../../shared/knowledge/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { page, pageOf, pageQuery } from '../../shared/platform/http/paging.ts';
import { json, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { knowledgeFor, knowledgeFunction } from './lib/knowledge-function.ts';
import { documentCursor, documentSchema, toDocumentBody } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/knowledge/documents',
  tags: ['knowledge'],
  summary: 'List the workspace’s knowledge documents, newest first',
  request: {
    params: workspaceParams,
    query: pageQuery(20),
  },
  responses: {
    200: json('A page of documents (status, size, chunk count, embedding model)', pageOf(documentSchema)),
  },
});

export default defineHttpFunction({
  ...knowledgeFunction('knowledge:read'),
  description: 'Lists a workspace’s knowledge documents with their status, size, chunk count and embedding model, cursor-paginated.',
  route,
  handler: async (c) => {
    const { ports, workspaceId } = knowledgeFor(c.var);
    const { cursor, limit } = c.req.valid('query');
    const after = cursor === undefined ? null : documentCursor.decode(cursor);
    const list = (n: number) => createDocumentService(ports).list(workspaceId, { after, limit: n });
    const { items, next } = await page(limit, list, documentCursor.encode);
    return c.json({ items: items.map(toDocumentBody), nextCursor: next }, 200);
  },
});
