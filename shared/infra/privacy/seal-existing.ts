import type { Db, Document } from 'mongodb';
import type { EmailIndex } from '../crypto/blind-index.ts';
import type { FieldContext } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import type { CollectionDeclaration } from '../mongodb/collection.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { emailVerificationCollection, passwordResetCollection } from '../mongodb/identity-misc-stores.ts';
import { invitationCollection } from '../mongodb/invitation-store.ts';
import { loginAttemptCollection } from '../mongodb/login-attempt-store.ts';
import { userCollection } from '../mongodb/user-store.ts';
import { oauthIdentityCollection } from '../oauth/oauth-identity-store.ts';

/** A plain field to seal: whose key, and (for addresses) the field that gets its blind index. */
interface SealedField {
  field: string;
  keyOwner: (doc: Document) => string;
  index?: string;
}

/** A collection written before sealing began: its plain fields, or (login attempts) an address to replace by its index. */
interface Target {
  collection: CollectionDeclaration;
  fields: SealedField[];
  /** Documents whose plain address is dropped, not sealed: kept as its blind index only. */
  scrub?: { field: string; index: string };
}

const byId = (doc: Document) => String(doc._id);
const byUser = (doc: Document) => String(doc.userId);

export const sealTargets: readonly Target[] = [
  {
    collection: userCollection,
    fields: [
      { field: 'name', keyOwner: byId },
      { field: 'email', keyOwner: byId, index: 'emailIndex' },
    ],
  },
  { collection: oauthIdentityCollection, fields: [{ field: 'email', keyOwner: byUser }] },
  { collection: emailVerificationCollection, fields: [{ field: 'email', keyOwner: byUser }] },
  { collection: passwordResetCollection, fields: [{ field: 'email', keyOwner: byUser }] },
  // Each invitation's address under a key of its own (invitation-store.ts).
  { collection: invitationCollection, fields: [{ field: 'email', keyOwner: byId, index: 'emailIndex' }] },
  { collection: loginAttemptCollection, fields: [], scrub: { field: 'email', index: 'account' } },
];

export interface SealCounts {
  scanned: number;
  sealed: number;
  alreadySealed: number;
  /** Changed or deleted between the read and the write (a rename, an erasure): left for the next run. */
  skipped: number;
  failed: number;
}

/**
 * Seals, in place, the personal values written before sealing began, batch by batch in `_id`
 * order; safe to re-run (a sealed value is left alone) and to stop at any point. Each document is
 * one `$set` of only the fields it seals, conditioned on those fields still holding the plain
 * values read: a write that came in between (a rename, an erasure) makes it match nothing, and
 * the document is counted `skipped` for the next run. `dryRun` counts without writing (nor
 * making a data key).
 */
export const sealExisting = async (
  db: Db,
  deps: { sealer: FieldSealer; indexOf: EmailIndex },
  options: { dryRun: boolean; batchSize?: number; onBatch?: (collection: string, counts: SealCounts) => void },
): Promise<Record<string, SealCounts>> => {
  const batchSize = options.batchSize ?? 200;
  const report: Record<string, SealCounts> = {};
  for (const { collection, fields, scrub } of sealTargets) {
    const counts: SealCounts = { scanned: 0, sealed: 0, alreadySealed: 0, skipped: 0, failed: 0 };
    report[collection.name] = counts;
    const docs = collection.in(db);
    let after: unknown = null;
    for (;;) {
      const batch = await docs
        .find(after === null ? {} : ({ _id: { $gt: after } } as never))
        .sort({ _id: 1 })
        .limit(batchSize)
        .toArray();
      if (batch.length === 0) break;
      after = batch.at(-1)!._id;
      for (const doc of batch) {
        counts.scanned += 1;
        const plain = fields.filter(({ field }) => typeof doc[field] === 'string' && doc[field] !== '');
        const toScrub = scrub && typeof doc[scrub.field] === 'string' ? scrub : null;
        if (plain.length === 0 && !toScrub) {
          counts.alreadySealed += 1;
          continue;
        }
        if (options.dryRun) {
          counts.sealed += 1;
          continue;
        }
        try {
          const filter: Document = { _id: doc._id };
          const set: Document = {};
          for (const { field, keyOwner, index } of plain) {
            const context: FieldContext = { collection: collection.name, field, recordId: byId(doc) };
            const value = doc[field] as string;
            filter[field] = value;
            set[field] = await deps.sealer.seal(keyOwner(doc), context, value);
            if (index) set[index] = deps.indexOf(value);
          }
          const update: Document = { $set: set };
          if (toScrub) {
            const value = doc[toScrub.field] as string;
            filter[toScrub.field] = value;
            set[toScrub.index] = deps.indexOf(value);
            update.$unset = { [toScrub.field]: '' };
          }
          const { matchedCount } = await docs.updateOne(filter, update);
          counts[matchedCount === 1 ? 'sealed' : 'skipped'] += 1;
        } catch (error) {
          // DATA_KEY_DESTROYED: erased meanwhile (the erasure removes the document); a duplicate
          // blind index: two accounts of one address written before addresses were normalised.
          if ((error as { code?: unknown }).code === 'DATA_KEY_DESTROYED') counts.skipped += 1;
          else if (isDuplicateKey(error)) counts.failed += 1;
          else throw error;
        }
      }
      options.onBatch?.(collection.name, counts);
    }
  }
  return report;
};

/** The sums over every collection. */
export const totalOf = (report: Record<string, SealCounts>): SealCounts =>
  Object.values(report).reduce(
    (sum, c) => ({
      scanned: sum.scanned + c.scanned,
      sealed: sum.sealed + c.sealed,
      alreadySealed: sum.alreadySealed + c.alreadySealed,
      skipped: sum.skipped + c.skipped,
      failed: sum.failed + c.failed,
    }),
    { scanned: 0, sealed: 0, alreadySealed: 0, skipped: 0, failed: 0 },
  );
