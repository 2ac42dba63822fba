import { createRoute, z } from '@hono/zod-openapi';
import { createRetrievalService } from '../../shared/knowledge/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { knowledgeFor, knowledgeFunction } from './lib/knowledge-function.ts';
import { hitSchema, questionBodySchema, screenedSchema, toHit, toScreened } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/knowledge/search',
  tags: ['knowledge'],
  summary: 'Hybrid search (vectors + BM25, fused) over the workspace’s documents and/or the global UX knowledge base; no credits',
  request: { params: workspaceParams, body: jsonBody(questionBodySchema) },
  responses: {
    200: json(
      'The best chunks; texts flagged by the prompt-injection screening are left out and listed in `screened`',
      z.object({ results: z.array(hitSchema), screened: z.array(screenedSchema) }),
    ),
    503: problem('KNOWLEDGE_UNAVAILABLE: Chroma or the embedder is not reachable (Retry-After)'),
  },
});

export default defineHttpFunction({
  ...knowledgeFunction('knowledge:read'),
  description: 'Hybrid retrieval over the workspace’s documents and the global knowledge base, screened for prompt injection; free.',
  route,
  handler: async (c) => {
    const { ports, workspaceId } = knowledgeFor(c.var);
    const { hits, screened } = await createRetrievalService(ports).search({ ...c.req.valid('json'), workspaceId });
    return c.json({ results: hits.map(toHit), screened: screened.map(toScreened) }, 200);
  },
});
