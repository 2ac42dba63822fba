import type { Ledger } from '../billing/index.ts';
import type { Traced } from '../kernel/index.ts';
import type { Plan, PlanLimits } from '../workspaces/index.ts';
import type { Block } from './blocks.ts';
import type { DocumentFailure, DocumentFormat, KnowledgeDocument } from './document.ts';
import type { UsageEntry } from './usage.ts';

/** A collection: one per workspace, plus the global knowledge base. */
export type Scope = { kind: 'workspace'; workspaceId: string } | { kind: 'global' };

/** A chunk as indexed: its text and where it comes from. */
export interface IndexedChunk {
  /** `<documentId>:<ordinal>`. */
  id: string;
  documentId: string;
  title: string;
  tags: string[];
  headingPath: string[];
  ordinal: number;
  text: string;
  /** The hash of the whole document's content, so a changed article is recognised. */
  documentHash: string;
}

/** The model that made a collection's vectors and their length. */
export interface EmbeddingSpace {
  model: string;
  dimension: number;
}

/**
 * Port: vectors and chunk texts in ChromaDB, one collection per scope. Every method throws
 * KNOWLEDGE_UNAVAILABLE (503) when the store cannot be reached.
 */
export interface VectorIndex {
  /**
   * Creates the scope's collection when missing, recording `space`; otherwise checks it.
   * @throws EMBEDDING_MODEL_MISMATCH (409) when the collection holds vectors of another model or length.
   */
  prepare: (scope: Scope, space: EmbeddingSpace) => Promise<void>;
  /** Writes chunks and their vectors (same order); idempotent by chunk id. */
  upsert: (scope: Scope, chunks: readonly IndexedChunk[], vectors: readonly number[][], space: EmbeddingSpace) => Promise<void>;
  /**
   * The `limit` chunks nearest to `vector`, nearest first; [] when the collection does not exist.
   * @throws EMBEDDING_MODEL_MISMATCH (409) when the collection holds vectors of another model or length.
   */
  nearest: (scope: Scope, vector: readonly number[], space: EmbeddingSpace, limit: number) => Promise<IndexedChunk[]>;
  /** Every chunk of the scope (for the lexical index) and a stamp that changes with every write. */
  all: (scope: Scope) => Promise<{ stamp: string; chunks: IndexedChunk[] }>;
  /** The stamp alone (cheap), or null when the collection does not exist. */
  stamp: (scope: Scope) => Promise<string | null>;
  /** Removes a document's chunks; nothing to remove is fine. */
  removeDocument: (scope: Scope, documentId: string) => Promise<void>;
  /** documentId → documentHash of what the scope holds (the seed's view of the global base). */
  documentHashes: (scope: Scope) => Promise<Map<string, string>>;
  /** Deletes the scope's collection (a deleted workspace); missing is fine. */
  drop: (scope: Scope) => Promise<void>;
  /** The workspaces that have a collection (under this index's prefix), in no particular order. */
  workspaceIds: () => Promise<string[]>;
}

/** Port: which workspaces were deleted (their tombstones), for dropping what they left in Chroma. */
export interface DeletedWorkspaces {
  /** Those of `ids` that were deleted. */
  among: (ids: readonly string[]) => Promise<string[]>;
}

/** Port: lexical (BM25) ranking over a scope's chunks. Throws KNOWLEDGE_UNAVAILABLE like VectorIndex. */
export interface LexicalIndex {
  /** Chunk ids best first, at most `limit`. */
  search: (scope: Scope, question: string, limit: number) => Promise<IndexedChunk[]>;
}

/**
 * Port: an embedding model behind an OpenAI-compatible `/v1/embeddings`. Throws
 * KNOWLEDGE_UNAVAILABLE (503) when it cannot be reached or fails.
 */
export interface Embedder {
  /** The model recorded in collections (passages and questions must come from it). */
  model: string;
  /** Vectors of passages, in order (cached by content hash, so unchanged text is not embedded twice). */
  embedPassages: (texts: readonly string[]) => Promise<number[][]>;
  embedQuestion: (text: string) => Promise<number[]>;
}

/** Port: workspace documents (MongoDB `knowledge_documents`). Every query is scoped by workspace. */
export interface DocumentStore {
  insert: (document: KnowledgeDocument) => Promise<void>;
  find: (workspaceId: string, documentId: string) => Promise<KnowledgeDocument | null>;
  /** Newest first; after a cursor (the last item of the previous page) when given. */
  list: (workspaceId: string, page: { after: { createdAt: Date; id: string } | null; limit: number }) => Promise<KnowledgeDocument[]>;
  markReady: (workspaceId: string, documentId: string, ready: { chunkCount: number; embeddingModel: string; at: Date }) => Promise<void>;
  markFailed: (workspaceId: string, documentId: string, failure: DocumentFailure, at: Date) => Promise<void>;
  remove: (workspaceId: string, documentId: string) => Promise<void>;
  /**
   * Outbox: documents created before `unpublishedBefore` whose upload event has not gone out, and
   * documents still processing whose event went out before `stalledBefore` (an ingestion that
   * failed for want of Chroma or the embedder, or died): at most `limit`, oldest first.
   */
  due: (cutoffs: { unpublishedBefore: Date; stalledBefore: Date }, limit: number) => Promise<Traced<KnowledgeDocument>[]>;
  markPublished: (workspaceId: string, documentId: string, at: Date) => Promise<void>;
}

/** Port: the extracted blocks of each document, kept until it is deleted. */
export interface ContentStore {
  put: (workspaceId: string, documentId: string, blocks: readonly Block[]) => Promise<void>;
  get: (workspaceId: string, documentId: string) => Promise<Block[] | null>;
  remove: (workspaceId: string, documentId: string) => Promise<void>;
}

/** Port: deletion marks, written before a document's chunks are removed (unique by document; repeats are fine). */
export interface DeletionMarks {
  mark: (workspaceId: string, documentId: string, at: Date) => Promise<void>;
  isMarked: (workspaceId: string, documentId: string) => Promise<boolean>;
}

/** Port: the append-only usage entries (unique on workspace + seq and on workspace + key). */
export interface UsageStore {
  latest: (workspaceId: string) => Promise<UsageEntry | null>;
  findByKey: (workspaceId: string, key: string) => Promise<UsageEntry | null>;
  /** The insert is the commit point: 'seq_taken' lost a race, 'key_taken' was done before. */
  append: (entry: UsageEntry) => Promise<'appended' | 'seq_taken' | 'key_taken'>;
}

/** Port: turns uploaded content into blocks (Markdown, HTML and PDF need parsers). */
export interface Extractor {
  /** @throws DOCUMENT_UNREADABLE (422) when the content cannot be parsed. */
  blocks: (format: DocumentFormat, content: string | Uint8Array) => Promise<Block[]>;
}

/** Port: publishes `com.uxflow.knowledge.document.uploaded.v1`. */
export interface UploadEvents {
  /** A document read from the outbox carries the trace of its upload request; the event continues it. */
  publish: (document: Traced<Pick<KnowledgeDocument, 'id' | 'workspaceId'>>, eventId: string) => Promise<void>;
}

export interface KnowledgePorts {
  documents: DocumentStore;
  contents: ContentStore;
  deletions: DeletionMarks;
  usage: UsageStore;
  vectors: VectorIndex;
  lexical: LexicalIndex;
  embedder: Embedder;
  ledger: Pick<Ledger, 'reserve' | 'commit' | 'release' | 'settlement'>;
  plans: { limitsOf: (workspaceId: string) => Promise<{ plan: Plan; limits: PlanLimits }> };
  upgradeUrl: (workspaceId: string) => string;
  clock: { now: () => Date };
  newId: (prefix: string) => string;
  sleep: (ms: number) => Promise<void>;
}
