import type { Db } from 'mongodb';
import { newId } from '../../kernel/index.ts';
import type { LoginAttempts } from '../../identity/index.ts';

interface LoginAttemptDocument {
  _id: string;
  schemaVersion: 1;
  email: string;
  ip: string;
  success: boolean;
  at: Date;
}

/** `login_attempts`: append-only; read by account or by address for the lockout policy. */
export const createLoginAttemptStore = (db: Db): LoginAttempts => {
  const attempts = db.collection<LoginAttemptDocument>('login_attempts');
  return {
    record: async (attempt) => {
      await attempts.insertOne({ _id: newId('lat'), schemaVersion: 1, ...attempt });
    },
    recent: async (by, since, limit) => {
      const filter = 'email' in by ? { email: by.email } : { ip: by.ip };
      const found = await attempts
        .find({ ...filter, at: { $gt: since } }, { projection: { success: 1, at: 1 } })
        .sort({ at: -1 })
        .limit(limit)
        .toArray();
      return found.map(({ success, at }) => ({ success, at }));
    },
  };
};
