import type { Db } from 'mongodb';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { kms as kmsResource } from '../kms/kms-resource.ts';
import type { Kms } from '../kms/kms.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { dataKeyWrapCollection, wrapIdOf } from './data-key-wraps.ts';
import { aadOf, dataKeyCollection } from './data-keys.ts';

export interface RewrapReport {
  primary: string;
  scanned: number;
  rewrapped: number;
  /** Another run re-wrapped the key first (its revision won the unique `_id`). */
  raced: number;
  /** Erased while being re-wrapped: the new revision was deleted again. */
  shredded: number;
}

/**
 * Re-wraps every live data key whose newest wrapped form is under a KEK version other than the
 * primary one, in batches of `batchSize` by `_id`. Resumable by being idempotent: a run that stops
 * half-way leaves keys either under the old version (the next run takes them) or re-wrapped.
 * Each re-wrap inserts a new revision (never updates): readers take the newest, the older forms
 * keep unwrapping until their KEK version is destroyed, so no request fails during the transition.
 */
export const rewrapDataKeys = async (db: Db, kms: Kms, { batchSize = 200 } = {}): Promise<RewrapReport> => {
  const keys = dataKeyCollection.in(db);
  const wraps = dataKeyWrapCollection.in(db);
  const primary = await kms.primaryVersion();
  const report: RewrapReport = { primary, scanned: 0, rewrapped: 0, raced: 0, shredded: 0 };
  let after = '';
  for (;;) {
    const batch = await keys
      .find({ _id: { $gt: after }, wrapped: { $ne: null } })
      .sort({ _id: 1 })
      .limit(batchSize)
      .toArray();
    if (batch.length === 0) return report;
    after = batch.at(-1)!._id;
    report.scanned += batch.length;
    const revisions = await wraps.find({ userId: { $in: batch.map((d) => d._id) } }, { projection: { wrapped: 0 } }).toArray();
    for (const doc of batch) {
      const newest = revisions.filter((r) => r.userId === doc._id).sort((a, b) => b.rev - a.rev)[0];
      const form = newest ?? { wrapped: doc.wrapped!, kekVersion: doc.kekVersion!, rev: 0 };
      if (form.kekVersion === primary) continue;
      const wrappedNow = newest ? (await wraps.findOne({ _id: newest._id }))?.wrapped : doc.wrapped;
      if (!wrappedNow) continue; // deleted meanwhile: erased, nothing to re-wrap
      const aad = aadOf(doc._id, doc.version);
      const key = await kms.unwrap(Buffer.from(wrappedNow, 'base64'), aad, form.kekVersion);
      const { ciphertext, kekVersion } = await kms.wrap(key, aad);
      const rev = form.rev + 1;
      try {
        await wraps.insertOne({
          _id: wrapIdOf(doc._id, rev),
          schemaVersion: 1,
          userId: doc._id,
          rev,
          version: doc.version,
          wrapped: ciphertext.toString('base64'),
          kekVersion,
          kms: kms.provider,
          createdAt: new Date(),
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        report.raced += 1;
        continue;
      }
      // An erasure may have written its tombstone between our read and our insert: then the
      // revision must not outlive it (the erasure deletes revisions after the tombstone, we after ours).
      if ((await keys.findOne({ _id: doc._id }))?.wrapped === null) {
        await wraps.deleteMany({ userId: doc._id });
        report.shredded += 1;
        continue;
      }
      // Older revisions are superseded (readers take the newest); the first form stays in user_data_keys.
      await wraps.deleteMany({ userId: doc._id, rev: { $lt: rev } });
      report.rewrapped += 1;
    }
  }
};

/** The re-wrap job over MongoDB and the KMS (functions/privacy/rewrap-data-keys.ts). */
export const dataKeyRewrap = defineResource({
  name: 'data-key-rewrap',
  config: defineConfig({ name: 'data-key-rewrap', shape: {}, devDefaults: {} }),
  requires: [mongo, kmsResource],
  create: (_config, { use }) => ({ run: () => rewrapDataKeys(use(mongo).db, use(kmsResource)) }),
});
