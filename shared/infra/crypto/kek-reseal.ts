import type { Db } from 'mongodb';
import { auditSigningKeyCollection } from '../audit/audit-signing-keys.ts';
import { signingKeyCollection } from '../jose/signing-key-store.ts';
import { twoFactorCollection, twoFactorPendingCollection } from '../mongodb/two-factor-store.ts';
import { isSealedValue } from './envelope.ts';
import { opensUnder } from './keyring.ts';
import { open, seal, type SealedSecret } from './sealed-secret.ts';

/** Where a key-encryption key seals secrets: a collection, the sealed field, the context it was bound to. */
export interface SealedField {
  collection: string;
  field: string;
  contextOf: (doc: Record<string, unknown>) => string;
  /** Members that must still hold their value for the re-sealed one to be written (the record's identity). */
  identity?: readonly string[];
}

const byId = (doc: Record<string, unknown>) => String(doc._id);
const totp = (doc: Record<string, unknown>) => `totp:${String(doc._id)}:${String(doc.enrollmentId)}`;

/** What AUTH_KEY_ENCRYPTION_KEY seals: the access-token signing keys, and 2FA secrets written before the data keys. */
export const authSealedFields: readonly SealedField[] = [
  { collection: signingKeyCollection.name, field: 'privateJwk', contextOf: byId },
  { collection: twoFactorCollection.name, field: 'secret', contextOf: totp, identity: ['enrollmentId'] },
  { collection: twoFactorPendingCollection.name, field: 'secret', contextOf: totp, identity: ['enrollmentId'] },
];

/** What AUDIT_KEY_ENCRYPTION_KEY seals: the audit checkpoint signing keys. */
export const auditSealedFields: readonly SealedField[] = [
  { collection: auditSigningKeyCollection.name, field: 'privateKey', contextOf: byId },
];

export interface ResealReport {
  scanned: number;
  /** Written under the new key by this run. */
  resealed: number;
  /** Already under the new key (a re-run, or sealed since the runtime switched). */
  current: number;
  /** Changed or deleted between this run's read and its write (the next run looks again). */
  raced: number;
  /** Opens under none of the keys given: the old key cannot go until these are understood. */
  unopenable: string[];
}

const batch = 200;
const isSealedSecret = (value: unknown): value is SealedSecret =>
  typeof value === 'object' && value !== null && !isSealedValue(value) && typeof (value as SealedSecret).ciphertext === 'string';

/**
 * Re-seals every secret of `fields` found under one of `from` under `to`. Idempotent (a value that
 * opens under `to` is left alone), so a run cut short is simply run again. The write is a compare
 * on the exact old ciphertext (and the record's identity). FerretDB runs that compare as
 * read-then-write, so it does not arbitrate two writers; it need not: these records are written
 * once and never changed in place (a new 2FA enrolment is refused while one is active, so its
 * document replaces the old one only after a delete), so the writers that can race are another
 * re-seal (both write a sealing of the same value under the same key: either is right) and a
 * delete (the update then matches nothing, and an update never inserts).
 */
export const resealFields = async (
  db: Db,
  keys: { from: readonly Buffer[]; to: Buffer },
  fields: readonly SealedField[],
): Promise<ResealReport> => {
  const report: ResealReport = { scanned: 0, resealed: 0, current: 0, raced: 0, unopenable: [] };
  for (const { collection, field, contextOf, identity = [] } of fields) {
    const documents = db.collection<Record<string, unknown>>(collection);
    for (let after: unknown = null; ;) {
      const page = await documents
        .find(after === null ? {} : { _id: { $gt: after as never } })
        .sort({ _id: 1 })
        .limit(batch)
        .toArray();
      for (const doc of page) {
        const sealed = doc[field];
        if (!isSealedSecret(sealed)) continue; // a 2FA secret under the person's data key: not this key's
        report.scanned += 1;
        const context = contextOf(doc);
        if (opensUnder(keys.to, context, sealed)) {
          report.current += 1;
          continue;
        }
        const old = keys.from.find((kek) => opensUnder(kek, context, sealed));
        if (!old) {
          report.unopenable.push(`${collection}/${String(doc._id)}`);
          continue;
        }
        const resealed = seal(keys.to, context, open(old, context, sealed));
        const { matchedCount } = await documents.updateOne(
          {
            _id: doc._id,
            ...Object.fromEntries(identity.map((name) => [name, doc[name]])),
            [`${field}.iv`]: sealed.iv,
            [`${field}.tag`]: sealed.tag,
            [`${field}.ciphertext`]: sealed.ciphertext,
          },
          { $set: { [field]: resealed } },
        );
        if (matchedCount === 1) report.resealed += 1;
        else report.raced += 1;
      }
      if (page.length < batch) break;
      after = page.at(-1)!._id;
    }
  }
  return report;
};
