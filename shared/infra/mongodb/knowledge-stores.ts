import type { Db } from 'mongodb';
import type { Block, ContentStore, DeletionMarks, UsageEntry, UsageStore } from '../../knowledge/index.ts';
import type { ContentSealer } from '../crypto/sealed-content.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const knowledgeContentCollection = defineCollection({
  name: 'knowledge_document_contents',
  privacy: {
    classes: ['user-content'],
    personalData: ['content'],
    retention: 'workspace',
    // `_id` is the document id: a person's export takes the contents of the documents they wrote.
    subject: { workspaceId: 'workspaceId', parent: { field: '_id', collection: 'knowledge_documents' } },
    export: 'records',
    erase: 'with-workspace',
  },
});
export const knowledgeDeletionCollection = defineCollection({
  name: 'knowledge_deletions',
  privacy: noPersonalData('deleted document ids and when', 'workspace'),
});
export const knowledgeUsageCollection = defineCollection({
  name: 'knowledge_usage',
  privacy: noPersonalData('documents and characters a workspace holds, per change (plan limits)', 'workspace'),
  indexes: [
    // The usage ledger (plan limits): an entry commits by its `_id` (`<workspaceId>:<seq>`); a repeated change breaks this one.
    { name: 'knowledge_usage_workspace_key_unique', keys: { workspaceId: 1, key: 1 }, unique: true },
    { name: 'knowledge_usage_workspace_seq', keys: { workspaceId: 1, seq: -1 } },
  ],
});

/**
 * `knowledge_document_contents`: a document's extracted blocks, `_id` = the document id, sealed
 * under the workspace's data key (the documents are the workspace's: the uploader's erasure leaves
 * them readable to the others). Blocks written before sealing read as they are; once the
 * workspace's key is destroyed the content reads as missing.
 */
export const createKnowledgeContentStore = (db: Db, seal: ContentSealer): ContentStore => {
  const contents = knowledgeContentCollection.in<{ _id: string; workspaceId: string; blocks: unknown; schemaVersion: 1 }>(db);
  const name = knowledgeContentCollection.name;
  return {
    put: async (workspaceId, documentId, blocks) => {
      const sealed = await seal.json(workspaceId, name, 'blocks', documentId, blocks);
      await contents.replaceOne({ _id: documentId, workspaceId }, { workspaceId, blocks: sealed, schemaVersion: 1 }, { upsert: true });
    },
    get: async (workspaceId, documentId) => {
      const found = await contents.findOne({ _id: documentId, workspaceId });
      return found ? seal.openJson<Block[]>(workspaceId, name, 'blocks', documentId, found.blocks) : null;
    },
    remove: async (workspaceId, documentId) => {
      await contents.deleteOne({ _id: documentId, workspaceId });
    },
  };
};

/** `knowledge_deletions`: a mark per deleted document, inserted once (`_id` = the document id). */
export const createKnowledgeDeletionMarks = (db: Db): DeletionMarks => {
  const marks = knowledgeDeletionCollection.in<{ _id: string; workspaceId: string; at: Date; schemaVersion: 1 }>(db);
  return {
    mark: async (workspaceId, documentId, at) => {
      try {
        await marks.insertOne({ _id: documentId, workspaceId, at, schemaVersion: 1 });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    isMarked: async (workspaceId, documentId) => (await marks.countDocuments({ _id: documentId, workspaceId }, { limit: 1 })) > 0,
  };
};

type UsageRecord = UsageEntry & { _id: string; schemaVersion: 1 };

/**
 * `knowledge_usage`: append-only, `_id` = `<workspaceId>:<seq>` (the commit point: a lost race is
 * a duplicate `_id`) and unique on (workspaceId, key) (a repeated change is a duplicate key).
 */
export const createKnowledgeUsageStore = (db: Db): UsageStore => {
  const entries = knowledgeUsageCollection.in<UsageRecord>(db);
  const strip = ({ _id, schemaVersion: _s, ...entry }: UsageRecord): UsageEntry => entry;
  return {
    latest: async (workspaceId) => {
      const [found] = await entries.find({ workspaceId }).sort({ seq: -1 }).limit(1).toArray();
      return found ? strip(found) : null;
    },
    findByKey: async (workspaceId, key) => {
      const found = await entries.findOne({ workspaceId, key });
      return found ? strip(found) : null;
    },
    append: async (entry) => {
      try {
        await entries.insertOne({ ...entry, _id: `${entry.workspaceId}:${entry.seq}`, schemaVersion: 1 });
        return 'appended';
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const holder = await entries.findOne({ _id: `${entry.workspaceId}:${entry.seq}` });
        return holder && holder.key !== entry.key ? 'seq_taken' : 'key_taken';
      }
    },
  };
};
