import { z } from 'zod';

export const documentUploadedEventType = 'com.uxflow.knowledge.document.uploaded.v1';

/** A document waits for ingestion. Subject: the document id. Delivered at least once; ingestion is idempotent. */
export const documentUploadedEventSchema = z.object({
  workspaceId: z.string().min(1).max(100),
  documentId: z.string().regex(/^kdoc_[0-9a-z]{20}$/),
});
