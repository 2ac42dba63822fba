import type { Db } from 'mongodb';
import type { ProfileChanges } from '../../identity/index.ts';
import { newId } from '../../kernel/index.ts';
import type { SealedValue } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { defineCollection } from './collection.ts';

interface ProfileChangeDocument {
  _id: string;
  userId: string;
  field: 'name';
  /** Both values sealed under the person's data key, as the field itself is. */
  before: SealedValue;
  after: SealedValue;
  at: Date;
  by: { type: 'self' } | { type: 'dpo'; staffId: string };
  schemaVersion: 1;
}

export const profileChangeCollection = defineCollection<ProfileChangeDocument>({
  name: 'profile_changes',
  indexes: [{ name: 'profile_changes_user_at', keys: { userId: 1, at: -1 } }],
  privacy: {
    classes: ['direct-identifier', 'pseudonymous'],
    personalData: ['identity'],
    retention: 'account',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'delete',
  },
});

/** `profile_changes`: the insert-only record of rectifications, values sealed (crypto-shredded with the rest). */
export const createProfileChangeStore = (db: Db, sealer: FieldSealer): ProfileChanges => {
  const changes = profileChangeCollection.in(db);
  return {
    record: async ({ userId, field, before, after, at, by }) => {
      const id = newId('pch');
      const context = (which: string) => ({ collection: profileChangeCollection.name, field: which, recordId: id });
      await changes.insertOne({
        _id: id,
        userId,
        field,
        before: await sealer.seal(userId, context('before'), before),
        after: await sealer.seal(userId, context('after'), after),
        at,
        by,
        schemaVersion: 1,
      });
    },
  };
};
