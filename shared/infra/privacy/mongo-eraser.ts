import type { Db, Document, Filter } from 'mongodb';
import type { ErasureStep, ErasureSubject, StoreOutcome } from '../../privacy/index.ts';
import type { CollectionDeclaration } from '../mongodb/collection.ts';

/** The workspaces step's findings: the person's workspaces deleted with them, and those they only left. */
export interface WorkspaceFate {
  deleted: string[];
  left: string[];
}
export const workspacesStepKey = 'workspaces';
export const fateOf = (subject: ErasureSubject): WorkspaceFate =>
  (subject.stepData.get(workspacesStepKey) as WorkspaceFate | undefined) ?? { deleted: [], left: [] };

/** What replaces the person's e-mail and name in records kept unlinked. */
export const erasedMark = '[erased]';

/** Every string in `value` with the person's ids, e-mail and name replaced (also inside JSON text). */
export const redact = (value: unknown, subject: ErasureSubject): unknown => {
  const swaps: [string, string][] = [[subject.userId, subject.pseudonym]];
  if (subject.email) swaps.push([subject.email, erasedMark]);
  if (subject.name && subject.name.length >= 3) swaps.push([subject.name, erasedMark]);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return swaps.reduce((s, [from, to]) => s.split(from).join(to), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && !(v instanceof Date) && v.constructor === Object)
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value);
};

const anyOf = (filters: Filter<Document>[]): Filter<Document> | null => (filters.length === 0 ? null : { $or: filters });

/**
 * The filters that find a collection's records of the given workspaces: by its own workspace
 * field, or by its parent's (a version found through its flow). Shared by the erasure (the
 * workspaces deleted with a person) and the deleted-workspaces retention job.
 */
export const workspaceRecordFilters = async (
  db: Db,
  collection: CollectionDeclaration,
  parents: ReadonlyMap<string, CollectionDeclaration>,
  workspaceIds: readonly string[],
): Promise<Filter<Document>[]> => {
  const link = collection.privacy.subject;
  if (workspaceIds.length === 0) return [];
  const filters: Filter<Document>[] = [];
  if (link?.workspaceId) filters.push({ [link.workspaceId]: { $in: [...workspaceIds] } });
  const parent = link?.parent ? parents.get(link.parent.collection) : undefined;
  const parentField = parent?.privacy.subject?.workspaceId;
  if (link?.parent && parent && parentField) {
    const ids = (
      await parent
        .in(db)
        .find({ [parentField]: { $in: [...workspaceIds] } }, { projection: { _id: 1 } })
        .toArray()
    ).map((doc) => doc._id);
    if (ids.length > 0) filters.push({ [link.parent.field]: { $in: ids } });
  }
  return filters;
};

/** Collections found through a parent record first (the parent still there to find them), then by name. */
export const childrenFirst = (collections: readonly CollectionDeclaration[]) =>
  [...collections].sort((a, b) => Number(!a.privacy.subject?.parent) - Number(!b.privacy.subject?.parent) || a.name.localeCompare(b.name));

/** The collections whose records go with a deleted workspace: what the erasure deletes with one. */
export const erasedWithWorkspace = (collection: CollectionDeclaration) =>
  collection.privacy.erase === 'delete' || collection.privacy.erase === 'with-workspace';

/**
 * The erasure of one MongoDB collection, as its declaration says (`erase` through `subject`):
 * - `delete`: the person's records (by user id, e-mail, parent record), and all records of the
 *   workspaces deleted with them;
 * - `with-workspace`: the records of those workspaces deleted; elsewhere the person's id unlinked;
 * - `unlink`: the records kept, every mention of the person (id, e-mail, name, also inside stored
 *   event text) replaced by a pseudonym or `[erased]`;
 * - `crypto-shred` and `{ none }` are not this step's (the plan handles them).
 * Idempotent: a second run finds nothing left to delete or replace.
 */
export const mongoEraseStep = (
  db: Db,
  collection: CollectionDeclaration,
  parents: ReadonlyMap<string, CollectionDeclaration>,
  extra: { customerIds?: (subject: ErasureSubject) => Promise<string[]> } = {},
): ErasureStep => {
  const { erase, subject: link } = collection.privacy;
  const outcome = (action: string, count: number, note?: string): StoreOutcome => ({
    store: 'mongodb',
    name: collection.name,
    action,
    count,
    ...(note ? { note } : {}),
  });
  // The person's parent records (their flows, their jobs), for children linked through a parent.
  const personParentIds = async (subject: ErasureSubject): Promise<unknown[]> => {
    const parent = link?.parent ? parents.get(link.parent.collection) : undefined;
    const userField = parent?.privacy.subject?.userId;
    if (!parent || !userField) return [];
    return (
      await parent
        .in(db)
        .find({ [userField]: subject.userId }, { projection: { _id: 1 } })
        .toArray()
    ).map((doc) => doc._id);
  };
  const workspaceFilters = (subject: ErasureSubject) => workspaceRecordFilters(db, collection, parents, fateOf(subject).deleted);
  const personFilters = async (subject: ErasureSubject): Promise<Filter<Document>[]> => {
    const filters: Filter<Document>[] = [];
    if (link?.userId) filters.push({ [link.userId]: subject.userId });
    if (link?.email && subject.email) filters.push({ [link.email]: subject.email });
    if (link?.emailIndex && subject.emailIndex) filters.push({ [link.emailIndex]: subject.emailIndex });
    const ids = await personParentIds(subject);
    if (link?.parent && ids.length > 0) filters.push({ [link.parent.field]: { $in: ids } });
    return filters;
  };
  const unlink = async (filter: Filter<Document> | null, subject: ErasureSubject): Promise<number> => {
    if (!filter) return 0;
    let count = 0;
    for (const doc of await collection.in(db).find(filter).toArray()) {
      const replaced = redact(doc, subject) as Document;
      replaced._id = doc._id;
      await collection.in(db).replaceOne({ _id: doc._id }, replaced);
      count += 1;
    }
    return count;
  };
  const deleteWhere = async (filters: Filter<Document>[]) => {
    const filter = anyOf(filters);
    return filter ? (await collection.in(db).deleteMany(filter)).deletedCount : 0;
  };
  return {
    key: `mongodb:${collection.name}`,
    run: async (subject) => {
      if (erase === 'delete') {
        const count = await deleteWhere([...(await personFilters(subject)), ...(await workspaceFilters(subject))]);
        return { outcomes: [outcome('deleted', count)] };
      }
      if (erase === 'with-workspace') {
        const deleted = await deleteWhere(await workspaceFilters(subject));
        const unlinked = link?.userId && link.userId !== '_id' ? await unlink({ [link.userId]: subject.userId }, subject) : 0;
        return {
          outcomes: [
            outcome('deleted with the workspace; unlinked elsewhere', deleted + unlinked, `${deleted} deleted, ${unlinked} unlinked`),
          ],
        };
      }
      if (erase === 'unlink') {
        const filters = await personFilters(subject);
        const customers = link?.stripeCustomer && extra.customerIds ? await extra.customerIds(subject) : [];
        let count = await unlink(anyOf(filters), subject);
        if (customers.length > 0 && link?.stripeCustomer) {
          // Stored event text names the customer: redact the events about the person's customers.
          for (const customerId of customers)
            count += await unlink({ [link.stripeCustomer]: { $regex: customerId.replace(/[^\w]/g, '') } }, subject);
        }
        const kept =
          link?.workspaceId && fateOf(subject).deleted.length > 0
            ? '; records of the deleted workspaces kept (legal duty), naming no person'
            : '';
        return { outcomes: [outcome('unlinked', count, `kept, the person's ids replaced by a pseudonym${kept}`)] };
      }
      return { outcomes: [outcome('none', 0, typeof erase === 'object' ? erase.none : String(erase))] };
    },
  };
};
