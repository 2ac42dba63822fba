import type { Db, Document } from 'mongodb';
import { isSealedValue } from '../../shared/infra/crypto/envelope.ts';
import type { ContentSealer } from '../../shared/infra/crypto/sealed-content.ts';
import type { ChromaConnection } from '../../shared/infra/chroma/chroma-client.ts';
import { collectionNameOf } from '../../shared/infra/chroma/knowledge-collections.ts';
import { isSealedChunkDocument, sealedChunkDocument } from '../../shared/infra/knowledge/sealed-vector-index.ts';
import { aiJobCollection, aiJobStepCollection, aiMessageCollection } from '../../shared/infra/mongodb/ai-job-stores.ts';
import { aiProposalCollection } from '../../shared/infra/mongodb/ai-proposal-stores.ts';
import { knowledgeContentCollection } from '../../shared/infra/mongodb/knowledge-stores.ts';

/** What one pass sealed, per store (a second pass seals nothing: sealed values are skipped). */
export type SealContentReport = Record<string, { sealed: number; skipped: number }>;

const contentFields = { step: ['detail'], operation: ['operation', 'rationale'], done: ['result'] } as Record<string, string[]>;

/**
 * Seals, in place, the AI and knowledge content written before sealing began: message texts,
 * proposal plans and operations, job-step content (under the requester's data key), knowledge
 * document blocks and Chroma chunk texts (under the workspace's). Safe to re-run and to run while
 * the functions serve: every write is conditional on the plain value still being there, the
 * records are immutable (or replaced whole by a re-upload, which seals), and readers take both forms.
 */
export const sealExistingContent = async (db: Db, seal: ContentSealer, chroma?: { connection: ChromaConnection; prefix: string }) => {
  const report: SealContentReport = {};
  const count = (store: string, done: boolean) => {
    report[store] ??= { sealed: 0, skipped: 0 };
    report[store][done ? 'sealed' : 'skipped'] += 1;
  };

  for await (const doc of aiMessageCollection.in<Document>(db).find({}, { projection: { userId: 1, text: 1 } })) {
    if (typeof doc.text !== 'string') continue;
    const sealed = await seal.text(doc.userId as string, aiMessageCollection.name, 'text', String(doc._id), doc.text);
    const { modifiedCount } = await aiMessageCollection
      .in<Document>(db)
      .updateOne({ _id: doc._id, text: doc.text }, { $set: { text: sealed } });
    count(aiMessageCollection.name, modifiedCount === 1);
  }

  for await (const doc of aiProposalCollection.in<Document>(db).find({}, { projection: { userId: 1, steps: 1, operations: 1 } })) {
    if (isSealedValue(doc.steps) && isSealedValue(doc.operations)) continue;
    const set: Document = {};
    for (const field of ['steps', 'operations']) {
      if (!isSealedValue(doc[field]))
        set[field] = await seal.json(doc.userId as string, aiProposalCollection.name, field, String(doc._id), doc[field]);
    }
    const { modifiedCount } = await aiProposalCollection.in<Document>(db).updateOne({ _id: doc._id }, { $set: set });
    count(aiProposalCollection.name, modifiedCount === 1);
  }

  const owners = new Map<string, string | null>();
  const ownerOf = async (jobId: string) => {
    if (!owners.has(jobId))
      owners.set(
        jobId,
        ((await aiJobCollection.in<Document>(db).findOne({ _id: jobId as never })) as { userId?: string } | null)?.userId ?? null,
      );
    return owners.get(jobId)!;
  };
  for await (const doc of aiJobStepCollection.in<Document>(db).find({ sealed: { $exists: false } })) {
    const fields = contentFields[doc.kind as string];
    if (!fields) continue;
    const owner = await ownerOf(doc.jobId as string);
    if (owner === null) {
      count(aiJobStepCollection.name, false); // its job is gone: the retention sweep removes the step
      continue;
    }
    const content = Object.fromEntries(fields.map((field) => [field, doc[field]]));
    const sealed = await seal.json(owner, aiJobStepCollection.name, 'sealed', String(doc._id), content);
    const unset = Object.fromEntries(fields.map((field) => [field, '']));
    const { modifiedCount } = await aiJobStepCollection
      .in<Document>(db)
      .updateOne({ _id: doc._id, sealed: { $exists: false } }, { $set: { sealed }, $unset: unset });
    count(aiJobStepCollection.name, modifiedCount === 1);
  }

  for await (const doc of knowledgeContentCollection.in<Document>(db).find({})) {
    if (!Array.isArray(doc.blocks)) continue;
    const sealed = await seal.json(doc.workspaceId as string, knowledgeContentCollection.name, 'blocks', String(doc._id), doc.blocks);
    // Replaced whole only if nobody re-uploaded it meanwhile (a re-upload seals by itself).
    const { modifiedCount } = await knowledgeContentCollection
      .in<Document>(db)
      .updateOne({ _id: doc._id, blocks: { $type: 'array' } }, { $set: { blocks: sealed } });
    count(knowledgeContentCollection.name, modifiedCount === 1);
  }

  if (chroma) await sealChunks(chroma, seal, count);
  return report;
};

const pageSize = 500;

/** Chroma chunk texts of every workspace collection: the documents rewritten sealed, vectors untouched. */
const sealChunks = async (
  { connection, prefix }: { connection: ChromaConnection; prefix: string },
  seal: ContentSealer,
  count: (store: string, done: boolean) => void,
) => {
  const client = await connection.client();
  const marker = collectionNameOf(prefix, { kind: 'workspace', workspaceId: '' });
  const names: string[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await client.listCollections({ limit: pageSize, offset });
    names.push(...page.map((c) => c.name).filter((name) => name.startsWith(marker)));
    if (page.length < pageSize) break;
  }
  for (const name of names) {
    const workspaceId = name.slice(marker.length);
    const collection = await client.getCollection({ name });
    for (let offset = 0; ; offset += pageSize) {
      const page = await collection.get({ include: ['documents', 'metadatas'] as never, limit: pageSize, offset });
      const ids: string[] = [];
      const documents: string[] = [];
      const metadatas: Record<string, unknown>[] = [];
      for (const [index, id] of page.ids.entries()) {
        const text = page.documents[index] ?? '';
        if (isSealedChunkDocument(text)) continue;
        const metadata = page.metadatas[index] ?? {};
        const headingPath = Array.isArray(metadata.headingPath) ? (metadata.headingPath as string[]).filter((h) => h !== '') : [];
        ids.push(id);
        documents.push(await sealedChunkDocument(seal, workspaceId, { id, text, headingPath }));
        metadatas.push({ ...metadata, headingPath: [''] });
      }
      if (ids.length > 0) await collection.update({ ids, documents, metadatas: metadatas as never });
      ids.forEach(() => count(`chroma:${marker}*`, true));
      if (page.ids.length < pageSize) break;
    }
  }
};

/** `npm run privacy -- seal-existing-content`: one pass over the database and Chroma of `env`. */
export const runSealExistingContent = async (env: Record<string, string | undefined>): Promise<SealContentReport> => {
  const { createRuntime } = await import('../../shared/platform/runtime.ts');
  const { loadConfig } = await import('../../shared/platform/config/index.ts');
  const { mongo } = await import('../../shared/infra/mongodb/mongo-resource.ts');
  const { fieldSealer } = await import('../../shared/infra/crypto/field-sealer.ts');
  const { createContentSealer } = await import('../../shared/infra/crypto/sealed-content.ts');
  const { chroma } = await import('../../shared/infra/chroma/chroma-client.ts');
  const { knowledgeConfig } = await import('../../shared/infra/knowledge/knowledge-config.ts');
  const settings = { APP_ENV: 'development', LOG_LEVEL: 'warn', ...env };
  const runtime = createRuntime({ name: 'privacy-seal-existing-content', uses: [mongo, fieldSealer, chroma] }, settings);
  try {
    const { KNOWLEDGE_COLLECTION_PREFIX: prefix } = loadConfig([knowledgeConfig], settings);
    return await sealExistingContent(runtime.use(mongo).db, createContentSealer(runtime.use(fieldSealer)), {
      connection: runtime.use(chroma),
      prefix,
    });
  } finally {
    await runtime.close();
  }
};
