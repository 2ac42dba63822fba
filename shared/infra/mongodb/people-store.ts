import type { Db } from 'mongodb';
import type { People, Person } from '../../workspaces/index.ts';
import { userCollection } from './user-store.ts';

interface UserFields {
  _id: string;
  email: string;
  name: string;
}

const projection = { _id: 1, email: 1, name: 1 } as const;
const toPerson = (doc: UserFields): Person => ({ id: doc._id, email: doc.email, name: doc.name });

/** Read-only view of `users` for the workspaces domain: id, e-mail and name, nothing else. */
export const createPeopleStore = (db: Db): People => {
  const users = userCollection.in<UserFields>(db);
  return {
    findById: async (userId) => {
      const doc = await users.findOne({ _id: userId }, { projection });
      return doc && toPerson(doc);
    },
    findByIds: async (userIds) =>
      userIds.length === 0 ? [] : (await users.find({ _id: { $in: [...userIds] } }, { projection }).toArray()).map(toPerson),
    findByEmail: async (email) => {
      const doc = await users.findOne({ email }, { projection });
      return doc && toPerson(doc);
    },
  };
};
