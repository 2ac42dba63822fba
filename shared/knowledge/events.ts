import { z } from 'zod';
import { idSchema } from '../kernel/index.ts';

export const documentUploadedEventType = 'com.uxflow.knowledge.document.uploaded.v1';

/** A document waits for ingestion. Subject: the document id. Delivered at least once; ingestion is idempotent. */
export const documentUploadedEventSchema = z.object({
  workspaceId: z.string().min(1).max(100),
  documentId: idSchema('kdoc'),
});
