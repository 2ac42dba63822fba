import { createRoute, z } from '@hono/zod-openapi';
import { eventPublisher } from '../../shared/infra/broker/broker-publisher.ts';
import { createExtractor } from '../../shared/infra/knowledge/extractor.ts';
import { knowledgePorts } from '../../shared/infra/knowledge/knowledge-resource.ts';
import { createUploadEvents } from '../../shared/infra/knowledge/upload-events.ts';
import { createUploadService } from '../../shared/knowledge/index.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem, workspaceParams } from '../../shared/platform/http/schemas.ts';
import { knowledgeFor, knowledgeFunction } from './lib/knowledge-function.ts';
import { jsonUploadSchema, multipartUploadSchema, uploadInputOf } from './lib/upload-body.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/workspaces/{workspaceId}/knowledge/documents',
  tags: ['knowledge'],
  summary: 'Upload a document to the workspace’s knowledge (JSON text, or a .txt/.md/.html/.pdf file)',
  request: {
    params: workspaceParams,
    body: {
      required: false,
      content: { 'application/json': { schema: jsonUploadSchema }, 'multipart/form-data': { schema: multipartUploadSchema } },
    },
  },
  responses: {
    202: json('Accepted: it becomes searchable when `status` is `ready`', z.object({ id: z.string(), status: z.literal('processing') })),
    400: problem('UNSUPPORTED_DOCUMENT_FORMAT, INVALID_REQUEST'),
    402: problem(
      'DOCUMENT_LIMIT_REACHED, CHARACTER_LIMIT_REACHED or INSUFFICIENT_CREDITS (knowledge.ingest: 1 per started 10,000 characters)',
    ),
    413: problem('DOCUMENT_TOO_LARGE: more than 1 MB of content'),
    422: problem('DOCUMENT_EMPTY or DOCUMENT_UNREADABLE'),
  },
});

export default defineHttpFunction({
  ...knowledgeFunction('knowledge:write'),
  uses: [knowledgePorts, eventPublisher],
  description: 'Stores a document, counts it against the plan, reserves its ingest credits and queues its ingestion (202).',
  credits: 'knowledge.ingest',
  // 1 MB of content plus JSON escaping or multipart framing.
  maxBodyBytes: 3 * 1024 * 1024,
  route,
  handler: async (c) => {
    const { ports, workspaceId, userId, actor } = knowledgeFor(c.var);
    const input = await uploadInputOf(
      c.req.header('content-type'),
      () => c.req.valid('form'),
      () => c.req.valid('json'),
    );
    const service = createUploadService({ ...ports, extractor: createExtractor(), events: createUploadEvents(c.var.use(eventPublisher)) });
    const document = await service.upload({ userId, actor }, workspaceId, input);
    return c.json({ id: document.id, status: 'processing' as const }, 202);
  },
});
