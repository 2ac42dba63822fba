import { knowledgePorts } from '../../shared/infra/knowledge/knowledge-resource.ts';
import { createIngestionService } from '../../shared/knowledge/index.ts';
import { defineEventFunction } from '../../shared/platform/definition/index.ts';

export default defineEventFunction({
  name: 'knowledge-ingest-document',
  domain: 'knowledge',
  description:
    'Chunks, embeds and indexes an uploaded document, then commits its reserved credits; idempotent per document, retried while Chroma or the embedder is down.',
  events: ['com.uxflow.knowledge.document.uploaded.v1'],
  uses: [knowledgePorts],
  credits: 'knowledge.ingest',
  costTags: { team: 'knowledge', costCenter: 'cc-knowledge', tier: 'batch' },
  // The local embedder takes about half a second a chunk: a 1 MB document needs minutes.
  timeoutSeconds: 900,
  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  privacy: {
    personalData: ['content'],
    purpose: 'make the documents a workspace uploads searchable for its members',
    legalBasis: 'contract',
  },
  handler: async (event, { use, log }) => {
    const { workspaceId, documentId } = event.data;
    const outcome = await createIngestionService(use(knowledgePorts)).ingest(workspaceId, documentId);
    log.info({ eventId: event.id, documentId, outcome }, 'knowledge document ingested');
  },
});
