import type { Db } from 'mongodb';
import type { People, Person } from '../../workspaces/index.ts';
import type { SealedValue } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { userCollection, userNameContext } from './user-store.ts';

interface UserFields {
  _id: string;
  email: string;
  name: string | SealedValue;
}

const projection = { _id: 1, email: 1, name: 1 } as const;

/** Read-only view of `users` for the workspaces domain: id, e-mail and name (opened), nothing else. */
export const createPeopleStore = (db: Db, sealer: FieldSealer): People => {
  const users = userCollection.in<UserFields>(db);
  const toPerson = async (doc: UserFields): Promise<Person> => ({
    id: doc._id,
    email: doc.email,
    name: (await sealer.open(doc._id, userNameContext(doc._id), doc.name)) ?? '',
  });
  return {
    findById: async (userId) => {
      const doc = await users.findOne({ _id: userId }, { projection });
      return doc && (await toPerson(doc));
    },
    findByIds: async (userIds) =>
      userIds.length === 0 ? [] : Promise.all((await users.find({ _id: { $in: [...userIds] } }, { projection }).toArray()).map(toPerson)),
    findByEmail: async (email) => {
      const doc = await users.findOne({ email }, { projection });
      return doc && (await toPerson(doc));
    },
  };
};
