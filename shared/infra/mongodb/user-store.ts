import type { Db } from 'mongodb';
import type { User, Users } from '../../identity/index.ts';
import type { EmailIndex } from '../crypto/blind-index.ts';
import type { SealedValue } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';

export interface UserDocument {
  _id: string;
  schemaVersion: 1;
  /** Sealed under the user's data key; a plain string in documents written before sealing began. */
  email: string | SealedValue;
  /** The blind index of the normalised address (unique): what logins, registrations and invitations look up. */
  emailIndex: string;
  /** Sealed under the user's data key; a plain string in documents written before sealing began. */
  name: string | SealedValue;
  passwordHash: string;
  emailVerified: boolean;
  platformRoles: User['platformRoles'];
  createdAt: Date;
}

/** Where a user's name is sealed (the associated data of its ciphertext). */
export const userNameContext = (userId: string) => ({ collection: 'users', field: 'name', recordId: userId });
/** Where a user's e-mail address is sealed. */
export const userEmailContext = (userId: string) => ({ collection: 'users', field: 'email', recordId: userId });

export const userCollection = defineCollection({
  name: 'users',
  privacy: {
    classes: ['direct-identifier', 'secret'],
    personalData: ['identity', 'contact', 'credentials'],
    retention: 'account',
    subject: { userId: '_id', emailIndex: 'emailIndex' },
    export: 'records',
    erase: 'delete',
  },
  // One account per address: the unique blind index arbitrates racing registrations (scripts/db
  // fills it in documents written before it existed, then builds it).
  indexes: [{ name: 'users_email_index_unique', keys: { emailIndex: 1 }, unique: true }],
});

/** A user document's name and e-mail opened: '' once the data key was destroyed (erased). */
export const openUserFields = async (sealer: FieldSealer, doc: Pick<UserDocument, '_id' | 'email' | 'name'>) => ({
  email: (await sealer.open(doc._id, userEmailContext(doc._id), doc.email)) ?? '',
  name: (await sealer.open(doc._id, userNameContext(doc._id), doc.name)) ?? '',
});

/** `users`, unique on the blind index of `email`; the address and the name sealed under the user's data key. */
export const createUserStore = (db: Db, sealer: FieldSealer, indexOf: EmailIndex): Users => {
  const users = userCollection.in<UserDocument>(db);
  const toUser = async ({ _id, schemaVersion: _, emailIndex: _i, email, name, ...rest }: UserDocument): Promise<User> => ({
    id: _id,
    ...rest,
    ...(await openUserFields(sealer, { _id, email, name })),
  });
  return {
    create: async ({ id, name, email, ...user }) => {
      const [sealedName, sealedEmail] = await Promise.all([
        sealer.seal(id, userNameContext(id), name),
        sealer.seal(id, userEmailContext(id), email),
      ]);
      try {
        await users.insertOne({ _id: id, schemaVersion: 1, ...user, email: sealedEmail, emailIndex: indexOf(email), name: sealedName });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    findByEmail: async (email) => {
      const document = await users.findOne({ emailIndex: indexOf(email) });
      return document && (await toUser(document));
    },
    findByEmailIndex: async (index) => {
      const document = await users.findOne({ emailIndex: index });
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
