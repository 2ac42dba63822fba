import { createRoute } from '@hono/zod-openapi';
import { createDocumentService } from '../../shared/knowledge/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { knowledgeFor, knowledgeFunction } from './lib/knowledge-function.ts';
import { documentParams, documentSchema, toDocumentBody } from './lib/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/workspaces/{workspaceId}/knowledge/documents/{documentId}',
  tags: ['knowledge'],
  summary: 'One knowledge document: status (processing, ready, failed with a reason), size, chunks',
  request: { params: documentParams },
  responses: { 200: json('The document', documentSchema), 404: problem('DOCUMENT_NOT_FOUND') },
});

export default defineHttpFunction({
  ...knowledgeFunction('knowledge:read'),
  description: 'Returns one knowledge document of the workspace, with its ingestion status.',
  route,
  handler: async (c) => {
    const { ports, workspaceId } = knowledgeFor(c.var);
    return c.json(toDocumentBody(await createDocumentService(ports).get(workspaceId, c.req.valid('param').documentId)), 200);
  },
});
