import { isDomainError } from '../kernel/index.ts';
import { chunkBlocks } from './chunking.ts';
import { ingestCreditsFor, type KnowledgeDocument } from './document.ts';
import type { IndexedChunk, KnowledgePorts, Scope } from './ports.ts';
import { admitForIngestion, ingestKey } from './upload-service.ts';
import { releaseDocument } from './usage.ts';

/** What one delivery of the upload event did. */
export type IngestOutcome = 'ready' | 'failed' | 'skipped' | 'deleted';

/** The text embedded for a chunk: its heading path gives it the context a passage lacks alone. */
export const embeddingTextOf = (chunk: Pick<IndexedChunk, 'headingPath' | 'text'>): string =>
  `${chunk.headingPath.join(' › ')}\n\n${chunk.text}`;

const failureOf = (error: unknown) =>
  isDomainError(error)
    ? { code: error.code, detail: error.detail ?? error.code }
    : { code: 'INGESTION_FAILED', detail: 'The document could not be ingested.' };

/** Errors worth retrying later (the document stays `processing`); anything else fails it for good. */
const isTransient = (error: unknown): boolean =>
  !isDomainError(error) || error.kind === 'unavailable' || error.code === 'LEDGER_BUSY' || error.code === 'KNOWLEDGE_BUSY';

/**
 * Makes an uploaded document searchable: chunks → vectors → its workspace's collection, then
 * commits the credits reserved at upload and marks it ready. Safe to run any number of times, at
 * once or after a crash: chunk ids are fixed, the reservation and commit are idempotent, so a
 * retried event never charges twice. Chroma or the embedder unreachable → it throws
 * (KNOWLEDGE_UNAVAILABLE) and the document stays `processing` for a later delivery; any other
 * failure releases the credits, gives back the plan allowance and marks it `failed`.
 */
export const createIngestionService = (ports: KnowledgePorts) => {
  const scopeOf = (document: KnowledgeDocument): Scope => ({ kind: 'workspace', workspaceId: document.workspaceId });

  const fail = async (document: KnowledgeDocument, reservationId: string | null, actor: string, error: unknown) => {
    await ports.vectors.removeDocument(scopeOf(document), document.id).catch(() => undefined);
    if (reservationId !== null) await ports.ledger.release(document.workspaceId, reservationId, actor);
    await releaseDocument(ports, document.workspaceId, document.id);
    await ports.documents.markFailed(document.workspaceId, document.id, failureOf(error), ports.clock.now());
  };

  /** Commits the upload's reservation; one that outlived its 15 minutes (the cron released it) is taken again, once. */
  const charge = async (document: KnowledgeDocument, reservationId: string, actor: string) => {
    try {
      await ports.ledger.commit(document.workspaceId, reservationId, actor);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'RESERVATION_RELEASED') throw error;
      const again = await ports.ledger.reserve({
        ...(await lateRequest(document, actor)),
        idempotencyKey: `${ingestKey(document.id)}:late`,
      });
      await ports.ledger.commit(document.workspaceId, again.reservationId, actor);
    }
  };

  const lateRequest = async (document: KnowledgeDocument, actor: string) => {
    const { plan } = await ports.plans.limitsOf(document.workspaceId);
    return {
      workspaceId: document.workspaceId,
      operation: 'knowledge.ingest' as const,
      multiplier: ingestCreditsFor(document.characters),
      actor,
      plan,
      upgradeUrl: ports.upgradeUrl(document.workspaceId),
    };
  };

  const ingest = async (workspaceId: string, documentId: string): Promise<IngestOutcome> => {
    const document = await ports.documents.find(workspaceId, documentId);
    if (!document || (await ports.deletions.isMarked(workspaceId, documentId))) return 'deleted';
    if (document.status !== 'processing') return 'skipped';
    const actor = document.actor;
    let reservationId: string | null = null;
    try {
      reservationId = (await admitForIngestion(ports, document)).reservationId;
      const blocks = await ports.contents.get(workspaceId, documentId);
      if (blocks === null) return 'deleted';
      const chunks: IndexedChunk[] = chunkBlocks(document.title, blocks).map((chunk) => ({
        id: `${document.id}:${chunk.ordinal}`,
        documentId: document.id,
        title: document.title,
        tags: [],
        headingPath: chunk.headingPath,
        ordinal: chunk.ordinal,
        text: chunk.text,
        documentHash: document.id,
      }));
      const vectors = await ports.embedder.embedPassages(chunks.map(embeddingTextOf));
      const space = { model: ports.embedder.model, dimension: vectors[0]?.length ?? 0 };
      await ports.vectors.prepare(scopeOf(document), space);
      await ports.vectors.upsert(scopeOf(document), chunks, vectors, space);
      // Deleted meanwhile: the delete marks first and removes chunks second, so one of us sees the other.
      if (await ports.deletions.isMarked(workspaceId, documentId)) {
        await ports.vectors.removeDocument(scopeOf(document), document.id);
        await ports.ledger.release(workspaceId, reservationId, actor);
        return 'deleted';
      }
      await charge(document, reservationId, actor);
      await ports.documents.markReady(workspaceId, documentId, {
        chunkCount: chunks.length,
        embeddingModel: space.model,
        at: ports.clock.now(),
      });
      return 'ready';
    } catch (error) {
      if (isTransient(error)) throw error;
      await fail(document, reservationId, actor, error);
      return 'failed';
    }
  };

  return { ingest };
};
