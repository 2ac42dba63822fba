import { z } from '@hono/zod-openapi';
import {
  documentFormats,
  documentIdSchema,
  documentStatuses,
  searchFilterSchema,
  searchScopes,
  type KnowledgeDocument,
  type Screened,
  type SearchHit,
} from '../../../shared/knowledge/index.ts';
import { cursorCodec } from '../../../shared/platform/http/paging.ts';
import { workspaceParams } from '../../../shared/platform/http/schemas.ts';

export const documentParams = workspaceParams.extend({ documentId: documentIdSchema });

export const documentSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    title: z.string(),
    format: z.enum(documentFormats),
    source: z.string().nullable(),
    status: z.enum(documentStatuses),
    failure: z.object({ code: z.string(), detail: z.string() }).nullable().openapi({ description: 'Why it failed (status `failed`)' }),
    bytes: z.number().int(),
    characters: z.number().int().openapi({ description: 'Extracted characters: what the limits and credits count' }),
    chunkCount: z.number().int().nullable(),
    embeddingModel: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
  })
  .openapi('KnowledgeDocument');

export const toDocumentBody = (document: KnowledgeDocument): z.infer<typeof documentSchema> => ({
  id: document.id,
  workspaceId: document.workspaceId,
  title: document.title,
  format: document.format,
  source: document.source,
  status: document.status,
  failure: document.failure,
  bytes: document.bytes,
  characters: document.characters,
  chunkCount: document.chunkCount,
  embeddingModel: document.embeddingModel,
  createdAt: document.createdAt.toISOString(),
  createdBy: document.createdBy,
  updatedAt: document.updatedAt.toISOString(),
});

/** The body of search and query. A `workspaceId` anywhere in it is ignored: the workspace is the route's. */
export const questionBodySchema = z.object({
  question: z.string().trim().min(3).max(2000),
  scope: z.enum(searchScopes).default('both'),
  k: z.coerce.number().int().min(1).max(20).default(5),
  filter: searchFilterSchema.optional().openapi({ description: 'Narrows the search (documentIds, tags); unknown keys are refused' }),
});

export const screenedSchema = z
  .object({
    kind: z.enum(['question', 'chunk']),
    chunkId: z.string().nullable(),
    documentId: z.string().nullable(),
    score: z.number(),
    rules: z.array(z.string()),
  })
  .openapi('ScreenedText');

export const toScreened = (item: Screened): z.infer<typeof screenedSchema> => ({ ...item });

export const excerptOf = (text: string, max = 400): string => (text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')}…`);

export const hitSchema = z
  .object({
    documentId: z.string().openapi({ description: 'A workspace document id, or a global article’s slug' }),
    scope: z.enum(['workspace', 'global']),
    title: z.string(),
    tags: z.array(z.string()),
    headingPath: z.array(z.string()),
    chunkId: z.string(),
    excerpt: z.string(),
    score: z.number().openapi({ description: 'Reciprocal-rank fusion score of the vector and BM25 rankings' }),
  })
  .openapi('KnowledgeSearchResult');

export const toHit = (hit: SearchHit): z.infer<typeof hitSchema> => ({
  documentId: hit.chunk.documentId,
  scope: hit.scope,
  title: hit.chunk.title,
  tags: hit.chunk.tags,
  headingPath: hit.chunk.headingPath,
  chunkId: hit.chunk.id,
  excerpt: excerptOf(hit.chunk.text),
  score: Math.round(hit.score * 10_000) / 10_000,
});

/** The document list's cursor: the last document's creation time (ms) and id, the list's sort key. */
export const documentCursor = cursorCodec(
  z.codec(z.tuple([z.number(), documentIdSchema]), z.object({ createdAt: z.date(), id: z.string() }), {
    decode: ([time, id]) => ({ createdAt: new Date(time), id }),
    encode: ({ createdAt, id }): [number, string] => [createdAt.getTime(), id],
  }),
);
