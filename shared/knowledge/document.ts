import { z } from 'zod';
import { idSchema } from '../kernel/index.ts';

export const documentFormats = ['text', 'markdown', 'html', 'pdf'] as const;
export type DocumentFormat = (typeof documentFormats)[number];
export const documentStatuses = ['processing', 'ready', 'failed'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** Content of one upload: 1 MB (docs/product.md), as sent (UTF-8 bytes, or the file's bytes). */
export const maxContentBytes = 1024 * 1024;

export const documentIdSchema = idSchema('kdoc');
export const documentTitleSchema = z.string().trim().min(1).max(200);
export const documentSourceSchema = z.string().trim().min(1).max(2000);

/** Why a document could not be made searchable (stable code, text for people). */
export interface DocumentFailure {
  code: string;
  detail: string;
}

/** A workspace document as stored (its text lives apart, see ContentStore). */
export interface KnowledgeDocument {
  id: string;
  workspaceId: string;
  title: string;
  format: DocumentFormat;
  source: string | null;
  status: DocumentStatus;
  failure: DocumentFailure | null;
  /** Bytes uploaded. */
  bytes: number;
  /** Characters of extracted text: what the limits and the credits count. */
  characters: number;
  chunkCount: number | null;
  embeddingModel: string | null;
  createdAt: Date;
  createdBy: string;
  /** Who the ledger records for its credits (the user, or `apikey:<id>`): every step reuses it. */
  actor: string;
  updatedAt: Date;
  /** Outbox: when the upload event last went to the broker; null until it has. */
  publishedAt: Date | null;
}

/** `knowledge.ingest` costs 1 credit per started 10,000 characters (docs/product.md, "Credits"). */
export const ingestCreditsFor = (characters: number): number => Math.max(1, Math.ceil(characters / 10_000));
