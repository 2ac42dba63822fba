import type { Db } from 'mongodb';
import type { People, Person } from '../../workspaces/index.ts';
import type { EmailIndex } from '../crypto/blind-index.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { openUserFields, userCollection, type UserDocument } from './user-store.ts';

type UserFields = Pick<UserDocument, '_id' | 'email' | 'name'>;

const projection = { _id: 1, email: 1, name: 1 } as const;

/** Read-only view of `users` for the workspaces domain: id, e-mail and name (both opened), nothing else. */
export const createPeopleStore = (db: Db, sealer: FieldSealer, indexOf: EmailIndex): People => {
  const users = userCollection.in<UserFields>(db);
  const toPerson = async (doc: UserFields): Promise<Person> => ({ id: doc._id, ...(await openUserFields(sealer, doc)) });
  return {
    findById: async (userId) => {
      const doc = await users.findOne({ _id: userId }, { projection });
      return doc && (await toPerson(doc));
    },
    findByIds: async (userIds) =>
      userIds.length === 0 ? [] : Promise.all((await users.find({ _id: { $in: [...userIds] } }, { projection }).toArray()).map(toPerson)),
    findByEmail: async (email) => {
      const doc = await users.findOne({ emailIndex: indexOf(email) } as never, { projection });
      return doc && (await toPerson(doc));
    },
  };
};
