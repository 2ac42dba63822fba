import { DomainError, type ErrorKind } from '../kernel/index.ts';
import type { Plan } from '../workspaces/index.ts';

const fail = (kind: ErrorKind, code: string, detail: string, extensions?: Record<string, unknown>, cause?: unknown) =>
  new DomainError(kind, code, { detail, ...(extensions ? { extensions } : {}), ...(cause === undefined ? {} : { cause }) });

/** How long a client should wait before retrying when Chroma or the embedder is down (seconds). */
export const unavailableRetryAfterSeconds = 30;

export type KnowledgeLimitCode = 'DOCUMENT_LIMIT_REACHED' | 'CHARACTER_LIMIT_REACHED';

/** Every error the knowledge domain throws; codes are stable, texts are for people. */
export const knowledgeErrors = {
  documentNotFound: () => fail('not_found', 'DOCUMENT_NOT_FOUND', 'No such document.'),
  emptyDocument: () => fail('unprocessable', 'DOCUMENT_EMPTY', 'No text could be extracted from the document.'),
  unreadableDocument: (format: string, cause?: unknown) =>
    fail('unprocessable', 'DOCUMENT_UNREADABLE', `The ${format} file could not be read.`, { format }, cause),
  unsupportedFormat: (name: string) =>
    fail('invalid', 'UNSUPPORTED_DOCUMENT_FORMAT', `${name} is not a supported file; send .txt, .md, .html or .pdf.`),
  tooLarge: (limit: number) => fail('too_large', 'DOCUMENT_TOO_LARGE', `A document may hold at most ${limit} bytes of content.`, { limit }),
  limit: (code: KnowledgeLimitCode, figures: { plan: Plan; limit: number; current: number; adding: number; upgradeUrl: string }) =>
    fail(
      'payment_required',
      code,
      code === 'DOCUMENT_LIMIT_REACHED'
        ? `The ${figures.plan} plan allows ${figures.limit} knowledge documents per workspace.`
        : `The ${figures.plan} plan allows ${figures.limit} characters of knowledge documents per workspace.`,
      { ...figures },
    ),
  /** Chroma or the embedder cannot be reached: 503 with Retry-After; nothing was charged. */
  unavailable: (service: 'vector store' | 'embedder', cause?: unknown) =>
    fail(
      'unavailable',
      'KNOWLEDGE_UNAVAILABLE',
      `The ${service} is not reachable; try again shortly.`,
      { service, retryAfter: unavailableRetryAfterSeconds },
      cause,
    ),
  /** A collection holds vectors of another model or dimension than the configured embedder makes. */
  modelMismatch: (collection: { model: string; dimension: number }, embedder: { model: string; dimension: number }) =>
    fail(
      'conflict',
      'EMBEDDING_MODEL_MISMATCH',
      `The collection holds ${collection.dimension}-dimensional vectors of ${collection.model}; the embedder makes ${embedder.dimension}-dimensional vectors of ${embedder.model}. Re-index the collection.`,
      { collection, embedder },
    ),
  questionFlagged: (rules: readonly string[]) =>
    fail('unprocessable', 'QUESTION_FLAGGED', 'The question looks like an attempt to instruct the model and was not answered.', {
      rules,
    }),
  invalidCursor: () => fail('invalid', 'INVALID_CURSOR', 'The cursor is not one this API gave out.'),
  /** The usage ledger lost too many races in a row. */
  busy: () =>
    fail('unavailable', 'KNOWLEDGE_BUSY', 'Too many documents are being changed in this workspace at once; try again.', {
      retryAfter: 1,
    }),
};
