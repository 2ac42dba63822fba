import { createRoute } from '@hono/zod-openapi';
import { createDocumentService } from '../../shared/knowledge/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { problem } from '../../shared/platform/http/schemas.ts';
import { knowledgeFor, knowledgeFunction } from './lib/knowledge-function.ts';
import { documentParams } from './lib/schemas.ts';

const route = createRoute({
  method: 'delete',
  path: '/v1/workspaces/{workspaceId}/knowledge/documents/{documentId}',
  tags: ['knowledge'],
  summary: 'Delete a knowledge document (its chunks leave Chroma before the answer)',
  request: { params: documentParams },
  responses: {
    204: { description: 'Deleted: no search finds it any more' },
    404: problem('DOCUMENT_NOT_FOUND'),
    503: problem('KNOWLEDGE_UNAVAILABLE: Chroma is not reachable; retry (Retry-After)'),
  },
});

export default defineHttpFunction({
  ...knowledgeFunction('knowledge:write'),
  description: 'Deletes a knowledge document: its chunks from Chroma, its text, its count against the plan, any credits still reserved.',
  route,
  handler: async (c) => {
    const { ports, workspaceId, actor } = knowledgeFor(c.var);
    await createDocumentService(ports).remove(workspaceId, c.req.valid('param').documentId, actor);
    return c.body(null, 204);
  },
});
