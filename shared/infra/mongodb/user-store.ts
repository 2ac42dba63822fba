import type { Db } from 'mongodb';
import type { User, Users } from '../../identity/index.ts';
import type { SealedValue } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';

interface UserDocument {
  _id: string;
  schemaVersion: 1;
  email: string;
  /** Sealed under the user's data key; a plain string in documents written before sealing began. */
  name: string | SealedValue;
  passwordHash: string;
  emailVerified: boolean;
  platformRoles: User['platformRoles'];
  createdAt: Date;
}

/** Where a user's name is sealed (the associated data of its ciphertext). */
export const userNameContext = (userId: string) => ({ collection: 'users', field: 'name', recordId: userId });

export const userCollection = defineCollection({
  name: 'users',
  privacy: {
    classes: ['direct-identifier', 'secret'],
    personalData: ['identity', 'contact', 'credentials'],
    retention: 'account',
    subject: { userId: '_id', email: 'email' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [{ name: 'users_email_unique', keys: { email: 1 }, unique: true }],
});

/** `users`, unique on `email` (see indexes.ts); the name sealed under the user's data key. */
export const createUserStore = (db: Db, sealer: FieldSealer): Users => {
  const users = userCollection.in<UserDocument>(db);
  const toUser = async ({ _id, schemaVersion: _, name, ...rest }: UserDocument): Promise<User> => ({
    id: _id,
    ...rest,
    // Erased (key destroyed): the name is gone for good.
    name: (await sealer.open(_id, userNameContext(_id), name)) ?? '',
  });
  return {
    create: async ({ id, name, ...user }) => {
      const sealed = await sealer.seal(id, userNameContext(id), name);
      try {
        await users.insertOne({ _id: id, schemaVersion: 1, ...user, name: sealed });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    findByEmail: async (email) => {
      const document = await users.findOne({ email });
      return document && (await toUser(document));
    },
    findById: async (id) => {
      const document = await users.findOne({ _id: id });
      return document && (await toUser(document));
    },
    setPasswordHash: async (id, passwordHash) => {
      await users.updateOne({ _id: id }, { $set: { passwordHash } });
    },
    setName: async (id, name) => {
      await users.updateOne({ _id: id }, { $set: { name: await sealer.seal(id, userNameContext(id), name) } });
    },
    markEmailVerified: async (id) => {
      await users.updateOne({ _id: id }, { $set: { emailVerified: true } });
    },
  };
};
