import { publishDueUploads } from './outbox-service.ts';
import type { DocumentStore, UploadEvents } from './ports.ts';

/** What knowledge's crons do, with no caller (the ingestion consumer uses the ingestion service). */
export const createKnowledgeSystemService = (ports: { documents: DocumentStore; events: UploadEvents; clock: { now: () => Date } }) => ({
  /** Publishes the upload events the upload could not, and again those of stalled documents (see `publishDueUploads`). */
  publishDueUploads: (limit: number): Promise<number> => publishDueUploads(ports, limit),
});
