import type { Db } from 'mongodb';
import type { DocumentStore, KnowledgeDocument } from '../../knowledge/index.ts';
import { defineCollection } from './collection.ts';
import { keptTrace, writerTrace } from './outbox-trace.ts';

export const knowledgeDocumentCollection = defineCollection({
  name: 'knowledge_documents',
  privacy: {
    classes: ['user-content', 'pseudonymous'],
    personalData: ['content', 'identity'],
    retention: 'workspace',
    subject: { workspaceId: 'workspaceId', userId: 'createdBy' },
    export: 'records',
    erase: 'with-workspace',
  },
  indexes: [
    // Listed per workspace, newest first; the upload outbox reads by publishedAt and status.
    { name: 'knowledge_documents_workspace_created', keys: { workspaceId: 1, createdAt: -1 } },
    { name: 'knowledge_documents_published', keys: { publishedAt: 1 } },
    { name: 'knowledge_documents_status', keys: { status: 1 } },
  ],
});

interface KnowledgeDocumentRecord extends Omit<KnowledgeDocument, 'id'> {
  _id: string;
  schemaVersion: 1;
  /** The upload request's trace, for the event the outbox cron publishes (absent before it was kept). */
  traceparent?: string;
}

const toDocument = ({ _id, schemaVersion: _s, traceparent: _t, ...rest }: KnowledgeDocumentRecord): KnowledgeDocument => ({
  ...rest,
  id: _id,
});

/**
 * `knowledge_documents`: one record per workspace document, `_id` = its id. Every read and write
 * names the workspace too, so an id from another tenant matches nothing. The status updates are
 * plain `$set`s: the only racing writers are deliveries of the same ingestion, which write the same
 * values, and a delete, which removes the record (an update after it matches nothing).
 */
export const createKnowledgeDocumentStore = (db: Db): DocumentStore => {
  const documents = knowledgeDocumentCollection.in<KnowledgeDocumentRecord>(db);
  const set = async (workspaceId: string, id: string, fields: Partial<KnowledgeDocumentRecord>) => {
    await documents.updateOne({ _id: id, workspaceId }, { $set: fields });
  };
  return {
    insert: async ({ id, ...document }) => {
      await documents.insertOne({ ...document, _id: id, schemaVersion: 1, ...writerTrace() });
    },
    find: async (workspaceId, id) => {
      const found = await documents.findOne({ _id: id, workspaceId });
      return found ? toDocument(found) : null;
    },
    list: async (workspaceId, { after, limit }) => {
      const filter = after
        ? { workspaceId, $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }] }
        : { workspaceId };
      const found = await documents.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
      return found.map(toDocument);
    },
    markReady: (workspaceId, id, { chunkCount, embeddingModel, at }) =>
      set(workspaceId, id, { status: 'ready', failure: null, chunkCount, embeddingModel, updatedAt: at }),
    markFailed: (workspaceId, id, failure, at) => set(workspaceId, id, { status: 'failed', failure, updatedAt: at }),
    remove: async (workspaceId, id) => {
      await documents.deleteOne({ _id: id, workspaceId });
    },
    due: async ({ unpublishedBefore, stalledBefore }, limit) => {
      const found = await documents
        .find({
          $or: [
            { publishedAt: null, createdAt: { $lt: unpublishedBefore } },
            { status: 'processing', publishedAt: { $lt: stalledBefore } },
          ],
        })
        .sort({ createdAt: 1 })
        .limit(limit)
        .toArray();
      return found.map((doc) => ({ ...toDocument(doc), ...keptTrace(doc) }));
    },
    markPublished: (workspaceId, id, at) => set(workspaceId, id, { publishedAt: at }),
  };
};
