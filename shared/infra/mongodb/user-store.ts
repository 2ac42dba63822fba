import type { Db } from 'mongodb';
import type { User, Users } from '../../identity/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';

interface UserDocument {
  _id: string;
  schemaVersion: 1;
  email: string;
  name: string;
  passwordHash: string;
  emailVerified: boolean;
  platformRoles: User['platformRoles'];
  createdAt: Date;
}

const toUser = ({ _id, schemaVersion: _, ...rest }: UserDocument): User => ({ id: _id, ...rest });

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

/** `users`, unique on `email` (see indexes.ts). */
export const createUserStore = (db: Db): Users => {
  const users = userCollection.in<UserDocument>(db);
  return {
    create: async ({ id, ...user }) => {
      try {
        await users.insertOne({ _id: id, schemaVersion: 1, ...user });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    findByEmail: async (email) => {
      const document = await users.findOne({ email });
      return document && toUser(document);
    },
    findById: async (id) => {
      const document = await users.findOne({ _id: id });
      return document && toUser(document);
    },
    setPasswordHash: async (id, passwordHash) => {
      await users.updateOne({ _id: id }, { $set: { passwordHash } });
    },
    setName: async (id, name) => {
      await users.updateOne({ _id: id }, { $set: { name } });
    },
    markEmailVerified: async (id) => {
      await users.updateOne({ _id: id }, { $set: { emailVerified: true } });
    },
  };
};
