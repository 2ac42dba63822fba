import type { Db, Document, Filter } from 'mongodb';
import type { PersonalData } from '../../privacy/index.ts';
import type { CollectionDeclaration } from '../mongodb/collection.ts';
import { isSealedValue } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { membershipCollection } from '../mongodb/membership-store.ts';
import { userCollection } from '../mongodb/user-store.ts';

/** Field names whose values are credentials or their digests: never exported (the data map's "secret fields left out"). */
const secretField = /(hash|secret|password|digest|token|salt|signature|wrapped)/i;

/** Parents before the stores found through them. */
const parentsFirst = (stores: readonly CollectionDeclaration[]) => {
  const sorted: CollectionDeclaration[] = [];
  const visit = (store: CollectionDeclaration, trail: Set<string>) => {
    if (sorted.includes(store) || trail.has(store.name)) return;
    const parent = store.privacy.subject?.parent?.collection;
    const parentStore = stores.find((s) => s.name === parent);
    if (parentStore) visit(parentStore, new Set([...trail, store.name]));
    sorted.push(store);
  };
  for (const store of stores) visit(store, new Set());
  return sorted;
};

/**
 * The person's records of a store, found through its subject links: their user id, their e-mail
 * address, the records of a parent store already taken; a store linked only by workspace gives
 * the records of the workspaces the person owns (billing), nothing of the others'.
 */
const filterOf = (
  store: CollectionDeclaration,
  person: { userId: string; email: string | null; owned: string[] },
  taken: Map<string, unknown[]>,
) => {
  const subject = store.privacy.subject ?? {};
  const or: Filter<Document>[] = [];
  if (subject.userId) or.push({ [subject.userId]: person.userId });
  if (subject.email && person.email) or.push({ [subject.email]: person.email });
  if (subject.parent) or.push({ [subject.parent.field]: { $in: taken.get(subject.parent.collection) ?? [] } });
  if (or.length === 0 && subject.workspaceId) or.push({ [subject.workspaceId]: { $in: person.owned } });
  return or.length === 0 ? null : or.length === 1 ? or[0]! : { $or: or };
};

/** A record as the archive shows it: secrets left out, the person's sealed values opened, others' dropped. */
const cleanRecord = async (
  value: unknown,
  open: (field: string, sealed: unknown) => Promise<string | null>,
  field: string,
  keepArrayItem: (path: string, item: unknown) => boolean,
): Promise<unknown> => {
  if (value instanceof Date) return value.toISOString();
  if (isSealedValue(value)) return open(field, value);
  if (Array.isArray(value)) {
    const kept = value.filter((item) => keepArrayItem(field, item));
    return Promise.all(kept.map((item) => cleanRecord(item, open, field, keepArrayItem)));
  }
  if (value !== null && typeof value === 'object') {
    // BSON values (ObjectId, Binary, Decimal128…) as their extended-JSON form.
    const bson = value as { _bsontype?: unknown; toJSON?: () => unknown };
    if (bson._bsontype) return typeof bson.toJSON === 'function' ? bson.toJSON() : null;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (secretField.test(key)) continue;
      const cleaned = await cleanRecord(inner, open, field ? `${field}.${key}` : key, keepArrayItem);
      if (cleaned !== null || inner === null) out[key] = cleaned;
    }
    return out;
  }
  return value;
};

/** Each exported store's records about the person, read through the data map's declarations. */
export const createPersonalData = (db: Db, sealer: FieldSealer, stores: readonly CollectionDeclaration[]): PersonalData => ({
  collect: async (userId) => {
    const user = await userCollection.in<{ _id: string; email?: unknown }>(db).findOne({ _id: userId });
    const email = typeof user?.email === 'string' ? user.email : null;
    const owned = (await membershipCollection.in<{ workspaceId: string }>(db).find({ userId, role: 'owner' }).toArray()).map(
      (m) => m.workspaceId,
    );
    const person = { userId, email, owned };
    const taken = new Map<string, unknown[]>();
    const out: { store: string; records: Record<string, unknown>[] }[] = [];
    for (const store of parentsFirst(stores)) {
      const filter = filterOf(store, person, taken);
      const docs = filter ? await store.in(db).find(filter).toArray() : [];
      taken.set(
        store.name,
        docs.map((doc) => doc._id),
      );
      // A dotted user link into an array (`byUser.key`): keep only the person's items of that array.
      const link = store.privacy.subject?.userId;
      const [arrayField, itemKey] = link?.includes('.') ? link.split('.') : [];
      const keepArrayItem = (path: string, item: unknown) =>
        !(arrayField && itemKey && path === arrayField) || (item as Record<string, unknown> | null)?.[itemKey] === userId;
      const records: Record<string, unknown>[] = [];
      for (const doc of docs) {
        const open = async (field: string, sealed: unknown) => {
          const context = { collection: store.name, field, recordId: String(doc._id) };
          // The person's key, else the workspace's (its knowledge documents, of which the person wrote this one).
          for (const subject of [userId, typeof doc.workspaceId === 'string' ? doc.workspaceId : null]) {
            if (subject === null) continue;
            try {
              const opened = await sealer.open(subject, context, sealed as never);
              if (opened !== null) return opened;
            } catch {
              // another person's value, or one sealed under another scheme: not theirs to read
            }
          }
          return null;
        };
        records.push((await cleanRecord(doc, open, '', keepArrayItem)) as Record<string, unknown>);
      }
      out.push({ store: store.name, records });
    }
    return out.sort((a, b) => a.store.localeCompare(b.store));
  },
});
