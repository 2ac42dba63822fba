import type { Db } from 'mongodb';
import type { PasswordResetRequests } from '../../identity/index.ts';
import type { EmailIndex } from '../crypto/blind-index.ts';
import { defineCollection } from './collection.ts';

interface PasswordResetRequestDocument {
  _id: string;
  schemaVersion: 2;
  /** The blind index of the address: the delivery finds the account by it, and only an account's own (sealed) address is mailed. */
  emailIndex: string;
  requestedAt: Date;
}

export const passwordResetRequestCollection = defineCollection({
  name: 'password_reset_requests',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['contact'],
    retention: 'short-lived',
    subject: { emailIndex: 'emailIndex' },
    export: { none: 'a queued mail, sent within a minute' },
    erase: 'delete',
  },
  indexes: [
    // The password-reset outbox: the delivery cron reads the oldest queued requests.
    { name: 'password_reset_requests_requested', keys: { requestedAt: 1 } },
  ],
});

/**
 * `password_reset_requests`: the password-reset outbox. A request is inserted by the request and
 * deleted once the cron function has handled it. It keeps no address, only its blind index: an
 * address without an account is never mailed, and an account's address is read (opened) from it.
 */
export const createPasswordResetRequestStore = (db: Db, indexOf: EmailIndex): PasswordResetRequests => {
  const requests = passwordResetRequestCollection.in<PasswordResetRequestDocument>(db);
  return {
    enqueue: async ({ id, email, requestedAt }) => {
      await requests.insertOne({ _id: id, schemaVersion: 2, emailIndex: indexOf(email), requestedAt });
    },
    queued: async (limit) => {
      const found = await requests.find({}).sort({ requestedAt: 1 }).limit(limit).toArray();
      // Requests queued before the index (schema 1, a clear `email`) are indexed here: nothing is lost in a deploy.
      return found.map((doc) => {
        const legacy = doc as unknown as { email?: string };
        return { id: doc._id, emailIndex: doc.emailIndex ?? indexOf(legacy.email ?? ''), requestedAt: doc.requestedAt };
      });
    },
    remove: async (id) => {
      await requests.deleteOne({ _id: id });
    },
  };
};
