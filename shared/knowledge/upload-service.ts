import { charactersOf } from './blocks.ts';
import type { DocumentFormat, KnowledgeDocument } from './document.ts';
import { ingestCreditsFor, maxContentBytes } from './document.ts';
import { knowledgeErrors } from './errors.ts';
import type { Extractor, KnowledgePorts, UploadEvents } from './ports.ts';
import { admitDocument, releaseDocument } from './usage.ts';

export interface UploadInput {
  title: string;
  format: DocumentFormat;
  /** Text for text, Markdown and HTML; the file's bytes for PDF. */
  content: string | Uint8Array;
  source: string | null;
}

/** Who uploads: the user (or `apikey:<id>`) recorded as the ledger's actor. */
export interface KnowledgeActor {
  userId: string;
  actor: string;
}

export type UploadPorts = KnowledgePorts & { extractor: Extractor; events: UploadEvents };

/** The reservation key of a document's ingestion: the same document never reserves twice. */
export const ingestKey = (documentId: string): string => `knowledge.ingest:${documentId}`;

/**
 * Reserves a document's `knowledge.ingest` credits and counts it against the plan's limits.
 * Idempotent (both under the document's keys), so the upload and, after a crash, the ingestion
 * can both call it. On a refusal the document's count is given back.
 * @throws DOCUMENT_LIMIT_REACHED / CHARACTER_LIMIT_REACHED / INSUFFICIENT_CREDITS (402).
 */
export const admitForIngestion = async (ports: KnowledgePorts, document: KnowledgeDocument) => {
  const { plan, limits } = await ports.plans.limitsOf(document.workspaceId);
  const upgradeUrl = ports.upgradeUrl(document.workspaceId);
  await admitDocument(ports, document, { plan, limits, upgradeUrl });
  try {
    return await ports.ledger.reserve({
      workspaceId: document.workspaceId,
      operation: 'knowledge.ingest',
      multiplier: ingestCreditsFor(document.characters),
      idempotencyKey: ingestKey(document.id),
      actor: document.actor,
      plan,
      upgradeUrl,
    });
  } catch (error) {
    await releaseDocument(ports, document.workspaceId, document.id);
    throw error;
  }
};

/**
 * Accepts a document: extracts its text, stores it, counts it against the plan, reserves its
 * credits and queues its ingestion (202: the client follows `status`). Nothing is charged yet;
 * a refusal leaves nothing behind.
 * @throws DOCUMENT_TOO_LARGE (413); DOCUMENT_EMPTY / DOCUMENT_UNREADABLE (422); the 402s of admitForIngestion.
 */
export const createUploadService = (ports: UploadPorts) => ({
  upload: async (who: KnowledgeActor, workspaceId: string, input: UploadInput): Promise<KnowledgeDocument> => {
    const bytes = typeof input.content === 'string' ? new TextEncoder().encode(input.content).length : input.content.length;
    if (bytes > maxContentBytes) throw knowledgeErrors.tooLarge(maxContentBytes);
    const blocks = await ports.extractor.blocks(input.format, input.content);
    const characters = charactersOf(blocks);
    if (characters === 0) throw knowledgeErrors.emptyDocument();
    const now = ports.clock.now();
    const document: KnowledgeDocument = {
      id: ports.newId('kdoc'),
      workspaceId,
      title: input.title,
      format: input.format,
      source: input.source,
      status: 'processing',
      failure: null,
      bytes,
      characters,
      chunkCount: null,
      embeddingModel: null,
      createdAt: now,
      createdBy: who.userId,
      actor: who.actor,
      updatedAt: now,
      publishedAt: null,
    };
    // The text first: a document the outbox can see always has its content.
    await ports.contents.put(workspaceId, document.id, blocks);
    await ports.documents.insert(document);
    try {
      await admitForIngestion(ports, document);
    } catch (error) {
      await ports.documents.remove(workspaceId, document.id);
      await ports.contents.remove(workspaceId, document.id);
      throw error;
    }
    // Best effort: when the broker is down, the outbox cron publishes it within a minute.
    try {
      await ports.events.publish(document, `${document.id}:upload`);
      await ports.documents.markPublished(workspaceId, document.id, ports.clock.now());
    } catch {
      // left for the outbox
    }
    return document;
  },
});
