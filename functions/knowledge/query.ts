import { createRoute, z } from '@hono/zod-openapi';
import { languageModels } from '../../shared/infra/ai/language-models-resource.ts';
import { knowledgePorts } from '../../shared/infra/knowledge/knowledge-resource.ts';
import { createQueryService } from '../../shared/knowledge/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { answerWriterFor } from './lib/answer-writer.ts';
import { knowledgeFor, knowledgeFunction } from './lib/knowledge-function.ts';
import { excerptOf, questionBodySchema, screenedSchema, toScreened } from './lib/schemas.ts';

const citationSchema = z
  .object({
    citation: z.number().int().openapi({ description: 'The `[n]` the answer uses' }),
    documentId: z.string(),
    scope: z.enum(['workspace', 'global']),
    title: z.string(),
    headingPath: z.array(z.string()),
    chunkId: z.string(),
    excerpt: z.string(),
    score: z.number(),
  })
  .openapi('KnowledgeCitation');

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/knowledge/query',
  tags: ['knowledge'],
  summary: 'Answer a question from the knowledge, citing the chunks it rests on (knowledge.query: 2 credits)',
  request: { params: workspaceParams, body: jsonBody(questionBodySchema) },
  responses: {
    200: json(
      '`answerMode` says how it was written: `generated` (a language model, from the cited chunks only) when a model is configured for knowledge answers, else `extractive` (sentences of the cited chunks). `answer` is null, and nothing charged, when nothing relevant was found',
      z.object({
        answer: z.string().nullable(),
        answerMode: z.enum(['extractive', 'generated']),
        citations: z.array(citationSchema),
        screened: z.array(screenedSchema),
      }),
    ),
    402: problem('INSUFFICIENT_CREDITS'),
    422: problem('QUESTION_FLAGGED: the question reads as instructions to a model'),
    503: problem(
      'KNOWLEDGE_UNAVAILABLE: Chroma or the embedder is not reachable; AI_UNAVAILABLE: the language model provider did not answer (Retry-After; nothing charged)',
    ),
  },
});

export default defineHttpFunction({
  ...knowledgeFunction('knowledge:read'),
  description: 'Answers a question grounded only in retrieved chunks, with citations; extractive without a configured language model.',
  credits: 'knowledge.query',
  uses: [knowledgePorts, languageModels],
  // Retrieval, then a model's answer: retries and a fallback provider included (lib/answer-writer.ts).
  timeoutSeconds: 60,
  route,
  handler: async (c) => {
    const { ports, workspaceId, actor } = knowledgeFor(c.var);
    const idempotencyKey = `knowledge.query:${c.req.header('idempotency-key') ?? c.var.requestId}`;
    const result = await createQueryService(ports, answerWriterFor(c.var.use, workspaceId)).query(
      { ...c.req.valid('json'), workspaceId },
      { actor, idempotencyKey },
    );
    const citations = result.citations.map(({ citation, hit }) => ({
      citation,
      documentId: hit.chunk.documentId,
      scope: hit.scope,
      title: hit.chunk.title,
      headingPath: hit.chunk.headingPath,
      chunkId: hit.chunk.id,
      excerpt: excerptOf(hit.chunk.text),
      score: Math.round(hit.score * 10_000) / 10_000,
    }));
    return c.json({ answer: result.answer, answerMode: result.answerMode, citations, screened: result.screened.map(toScreened) }, 200);
  },
});
