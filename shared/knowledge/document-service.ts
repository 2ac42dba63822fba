import { ingestCreditsFor, type KnowledgeDocument } from './document.ts';
import { knowledgeErrors } from './errors.ts';
import type { KnowledgePorts } from './ports.ts';
import { ingestKey } from './upload-service.ts';
import { releaseDocument } from './usage.ts';

/**
 * Reading and deleting a workspace's documents. Every call is scoped by the workspace from the
 * auth context: another workspace's document id is simply not found (404, never 403).
 */
export const createDocumentService = (ports: KnowledgePorts) => {
  const get = async (workspaceId: string, documentId: string): Promise<KnowledgeDocument> => {
    const document = await ports.documents.find(workspaceId, documentId);
    if (!document) throw knowledgeErrors.documentNotFound();
    return document;
  };

  return {
    get,
    list: (workspaceId: string, page: { after: { createdAt: Date; id: string } | null; limit: number }) =>
      ports.documents.list(workspaceId, page),
    /**
     * Deletes a document: marks it, removes its chunks from Chroma (before answering), gives back its
     * plan allowance and any credits still reserved, then forgets it. A retry after a failure (503
     * while Chroma is down) picks up where it stopped.
     * @throws DOCUMENT_NOT_FOUND (404); KNOWLEDGE_UNAVAILABLE (503).
     */
    remove: async (workspaceId: string, documentId: string, actor: string): Promise<void> => {
      const document = await get(workspaceId, documentId);
      await ports.deletions.mark(workspaceId, documentId, ports.clock.now());
      await ports.vectors.removeDocument({ kind: 'workspace', workspaceId }, documentId);
      if (document.status === 'processing') {
        // Still reserved: give it back (after a commit this changes nothing, so a race with the ingestion is harmless).
        const { plan } = await ports.plans.limitsOf(workspaceId);
        const reservation = await ports.ledger
          .reserve({
            workspaceId,
            operation: 'knowledge.ingest',
            idempotencyKey: ingestKey(documentId),
            multiplier: ingestCreditsFor(document.characters),
            actor,
            plan,
            upgradeUrl: ports.upgradeUrl(workspaceId),
          })
          .catch(() => null);
        if (reservation) await ports.ledger.release(workspaceId, reservation.reservationId, actor);
      }
      await releaseDocument(ports, workspaceId, documentId);
      await ports.contents.remove(workspaceId, documentId);
      await ports.documents.remove(workspaceId, documentId);
    },
  };
};
