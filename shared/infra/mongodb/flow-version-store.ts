import type { Db } from 'mongodb';
import { flowDocumentSchema, readProvenance, type FlowVersion, type FlowVersionInfo, type FlowVersionStore } from '../../flows/index.ts';
import type { Traced } from '../../kernel/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';
import { keptTrace, writerTrace } from './outbox-trace.ts';

export const flowVersionCollection = defineCollection({
  name: 'flow_versions',
  privacy: {
    classes: ['user-content', 'pseudonymous'],
    personalData: ['content', 'identity'],
    retention: 'deleted-flows',
    subject: { workspaceId: 'workspaceId', userId: 'authorId' },
    export: 'records',
    erase: 'with-workspace',
  },
  indexes: [
    // A write commits by inserting version n + 1; the duplicate key is the 412.
    { name: 'flow_versions_flow_version_unique', keys: { flowId: 1, versionNumber: 1 }, unique: true },
    { name: 'flow_versions_flow', keys: { flowId: 1 } },
    // The flow events outbox: the publisher cron reads the unpublished versions by equality.
    { name: 'flow_versions_published', keys: { published: 1 } },
  ],
});

/**
 * A stored version. The document is kept as JSON text: its style maps may hold keys that some
 * MongoDB-compatible servers refuse as field names (dots, `$`), and it is only ever read whole.
 * Schema 1 had no `provenance` (read as made by the author, `readProvenance`); schema 2 always has it.
 */
export interface FlowVersionDocument extends Omit<FlowVersion, 'document' | 'provenance'> {
  _id: string;
  schemaVersion: 1 | 2;
  provenance?: FlowVersion['provenance'];
  documentJson: string;
  nodeCount: number;
  /** The event outbox flag: false until the version's event reached the broker. */
  published: boolean;
  publishedAt?: Date;
  /** The writing request's trace, for the event the outbox cron publishes (absent before it was kept). */
  traceparent?: string;
}

export const flowVersionId = (flowId: string, versionNumber: number) => `${flowId}:${versionNumber}`;

const toVersion = ({
  _id,
  schemaVersion: _s,
  documentJson,
  nodeCount: _n,
  published: _p,
  publishedAt: _pa,
  traceparent: _t,
  provenance,
  ...rest
}: FlowVersionDocument): FlowVersion => ({
  ...rest,
  provenance: readProvenance(provenance, rest.authorId),
  document: flowDocumentSchema.parse(JSON.parse(documentJson)),
});

const infoProjection = { documentJson: 0 } as const;

const toInfo = ({
  _id,
  schemaVersion: _s,
  published: _p,
  publishedAt: _pa,
  traceparent: _t,
  provenance,
  ...rest
}: Omit<FlowVersionDocument, 'documentJson'>): FlowVersionInfo => ({ ...rest, provenance: readProvenance(provenance, rest.authorId) });

export interface FlowVersionOutbox {
  /** Versions whose event is not yet published, oldest first (at most `limit`), without documents. */
  unpublished: (limit: number) => Promise<Traced<FlowVersionInfo>[]>;
  markPublished: (flowId: string, versionNumber: number, at: Date) => Promise<void>;
}

/** `flow_versions`: unique on `(flowId, versionNumber)` (and on `_id`, the same pair); the commit point of every flow write. */
export const createFlowVersionStore = (db: Db): FlowVersionStore & FlowVersionOutbox => {
  const versions = flowVersionCollection.in<FlowVersionDocument>(db);
  return {
    insert: async (version) => {
      try {
        await versions.insertOne({
          ...version,
          _id: flowVersionId(version.flowId, version.versionNumber),
          schemaVersion: 2,
          documentJson: JSON.stringify(version.document),
          nodeCount: version.document.nodes.length,
          published: false,
          ...writerTrace(),
        });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    find: async (flowId, versionNumber) => {
      const found = await versions.findOne({ _id: flowVersionId(flowId, versionNumber) });
      return found ? toVersion(found) : null;
    },
    findLatest: async (flowId) => {
      const [found] = await versions.find({ flowId }).sort({ versionNumber: -1 }).limit(1).toArray();
      return found ? toVersion(found) : null;
    },
    list: async (flowId, { before, limit }) => {
      const filter = before === null ? { flowId } : { flowId, versionNumber: { $lt: before } };
      const found = await versions.find(filter, { projection: infoProjection }).sort({ versionNumber: -1 }).limit(limit).toArray();
      return found.map(toInfo);
    },
    // One cursor rather than a query per page: FerretDB sorts a flow's versions anew for each query.
    newestFirst: async function* (flowId, { before, batchSize }) {
      const cursor = versions
        .find({ flowId, versionNumber: { $lt: before } })
        .sort({ versionNumber: -1 })
        .batchSize(batchSize);
      try {
        for await (const found of cursor) yield toVersion(found);
      } finally {
        await cursor.close();
      }
    },
    prune: async (flowId, upTo, keep) => {
      const result = await versions.deleteMany({ flowId, published: true, versionNumber: { $lte: upTo, $nin: [...keep] } });
      return result.deletedCount;
    },
    remove: async (flowId, versionNumber) => {
      await versions.deleteOne({ _id: flowVersionId(flowId, versionNumber) });
    },
    unpublished: async (limit) => {
      const found = await versions.find({ published: false }, { projection: infoProjection }).limit(limit).toArray();
      // Oldest first; within one flow always in version order, even when two share a millisecond.
      return found
        .map((doc) => ({ ...toInfo(doc), ...keptTrace(doc) }))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.versionNumber - b.versionNumber);
    },
    markPublished: async (flowId, versionNumber, at) => {
      await versions.updateOne({ _id: flowVersionId(flowId, versionNumber) }, { $set: { published: true, publishedAt: at } });
    },
  };
};
