import type { DocumentStore, UploadEvents } from './ports.ts';

/** An upload the handler could not publish is picked up after this long (it may still be mid-request). */
export const unpublishedGraceMs = 2 * 60_000;
/** A document still processing this long after its event went out gets it again. */
export const stalledAfterMs = 10 * 60_000;

/**
 * The uploads outbox: publishes upload events the upload could not, and publishes again those of
 * documents that stayed `processing` (Chroma or the embedder was down, or the ingestion died).
 * Each delivery gets a new event id; the ingestion is idempotent per document, so repeats are safe.
 * @returns how many events went out (stops at the first broker failure).
 */
export const publishDueUploads = async (
  ports: { documents: DocumentStore; events: UploadEvents; clock: { now: () => Date } },
  limit: number,
): Promise<number> => {
  const now = ports.clock.now().getTime();
  const due = await ports.documents.due(
    { unpublishedBefore: new Date(now - unpublishedGraceMs), stalledBefore: new Date(now - stalledAfterMs) },
    limit,
  );
  let published = 0;
  for (const document of due) {
    await ports.events.publish(document, `${document.id}:${now}`);
    await ports.documents.markPublished(document.workspaceId, document.id, ports.clock.now());
    published += 1;
  }
  return published;
};
