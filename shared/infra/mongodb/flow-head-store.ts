import type { Db, Filter } from 'mongodb';
import type { FlowHead, FlowHeadStore } from '../../flows/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';

export const flowHeadCollection = defineCollection({
  name: 'flows',
  privacy: {
    classes: ['user-content', 'pseudonymous'],
    personalData: ['content', 'identity'],
    retention: 'deleted-flows',
    subject: { workspaceId: 'workspaceId', userId: 'createdBy' },
    export: 'records',
    erase: 'with-workspace',
  },
  indexes: [{ name: 'flows_workspace', keys: { workspaceId: 1 } }],
});

export interface FlowHeadDocument extends Omit<FlowHead, 'id'> {
  _id: string;
  schemaVersion: 1;
}

export const toHead = ({ _id, schemaVersion: _s, ...rest }: FlowHeadDocument): FlowHead => ({ ...rest, id: _id });

/** Regex metacharacters escaped: a search is a plain substring, never a pattern from outside. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `flows`: one head per flow, derived from its latest version; listing reads it, and the flows limit its `deletedAt`. */
export const createFlowHeadStore = (db: Db): FlowHeadStore => {
  const heads = flowHeadCollection.in<FlowHeadDocument>(db);
  return {
    find: async (flowId) => {
      const found = await heads.findOne({ _id: flowId });
      return found ? toHead(found) : null;
    },
    insert: async ({ id, ...head }) => {
      await heads.insertOne({ ...head, _id: id, schemaVersion: 1 });
    },
    save: async ({ id, createdAt, createdBy, ...derived }) => {
      try {
        // Matches only an older head; when a newer one is stored the upsert collides on `_id` and changes nothing.
        await heads.updateOne(
          { _id: id, versionNumber: { $lt: derived.versionNumber } },
          { $set: derived, $setOnInsert: { createdAt, createdBy, schemaVersion: 1 } },
          { upsert: true },
        );
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    list: async (workspaceId, { search, tag, after, limit }) => {
      const filter: Filter<FlowHeadDocument> = { workspaceId, deletedAt: null };
      if (tag !== null) filter.tags = tag;
      if (search !== null) filter.name = { $regex: literal(search), $options: 'i' };
      if (after !== null) filter.$or = [{ updatedAt: { $lt: after.updatedAt } }, { updatedAt: after.updatedAt, _id: { $lt: after.id } }];
      const found = await heads.find(filter).sort({ updatedAt: -1, _id: -1 }).limit(limit).toArray();
      return found.map(toHead);
    },
  };
};
