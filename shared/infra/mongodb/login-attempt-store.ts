import type { Db } from 'mongodb';
import type { AttemptOutcome, LoginAttempts } from '../../identity/index.ts';
import type { EmailIndex } from '../crypto/blind-index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';

/**
 * `_id` = `<account>#<seq>`: attempt `seq` of an account can be inserted once, so of concurrent
 * attempts that read the same history exactly one claims the next number (also on FerretDB, where
 * a conditional update would be a read then a write). The sequence is per e-mail, known or not;
 * `account` is the blind index of the address (no address is kept).
 */
interface LoginAttemptDocument {
  _id: string;
  schemaVersion: 3;
  account: string;
  seq: number;
  ip: string;
  outcome: AttemptOutcome;
  at: Date;
  settledAt?: Date;
}

const attemptId = (account: string, seq: number) => `${account}#${seq}`;

export const loginAttemptCollection = defineCollection({
  name: 'login_attempts',
  privacy: {
    classes: ['pseudonymous', 'network'],
    personalData: ['contact', 'security', 'network'],
    retention: 'security-records',
    subject: { emailIndex: 'account' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [
    // Claiming attempt n of an account is an insert unique on `_id` (`<account>#<n>`); the lockout reads
    // an account's newest attempts by number and an address's failures by time.
    { name: 'login_attempts_account_seq', keys: { account: 1, seq: -1 } },
    { name: 'login_attempts_ip_outcome_at', keys: { ip: 1, outcome: 1, at: -1 } },
  ],
});

/** `login_attempts`: one document per attempt, read by account (by `seq`) or by address (by time). */
export const createLoginAttemptStore = (db: Db, indexOf: EmailIndex): LoginAttempts => {
  // Older documents (version 1: no `seq`; version 2: the clear address) are left to age out: no
  // account query below matches them (their failures still count for their address until then).
  const attempts = loginAttemptCollection.in<LoginAttemptDocument>(db);
  return {
    latestOfAccount: async (email, limit) => {
      const found = await attempts
        .find({ account: indexOf(email), schemaVersion: 3 }, { projection: { seq: 1, outcome: 1, at: 1 } })
        .sort({ seq: -1 })
        .limit(limit)
        .toArray();
      return found.map(({ seq, outcome, at }) => ({ seq, outcome, at }));
    },
    failuresFromAddress: async (ip, since, limit) => {
      // Two equality reads rather than `$in`, which FerretDB answers with a scan.
      const read = (outcome: AttemptOutcome) =>
        attempts
          .find({ ip, outcome, at: { $gt: since } }, { projection: { outcome: 1, at: 1 } })
          .sort({ at: -1 })
          .limit(limit)
          .toArray();
      const found = (await Promise.all([read('failure'), read('pending')])).flat();
      return found
        .map(({ outcome, at }) => ({ outcome, at }))
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, limit);
    },
    claim: async ({ email, seq, ip, at }) => {
      try {
        const account = indexOf(email);
        await attempts.insertOne({ _id: attemptId(account, seq), schemaVersion: 3, account, seq, ip, outcome: 'pending', at });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    settle: async (email, seq, outcome) => {
      // Written by the claimer alone: a plain `$set` by `_id`, no decision rests on a read of it.
      await attempts.updateOne({ _id: attemptId(indexOf(email), seq) }, { $set: { outcome, settledAt: new Date() } });
    },
  };
};
