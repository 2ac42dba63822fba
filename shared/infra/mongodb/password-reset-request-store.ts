import type { Db } from 'mongodb';
import type { PasswordResetRequests } from '../../identity/index.ts';
import { defineCollection } from './collection.ts';

interface PasswordResetRequestDocument {
  _id: string;
  schemaVersion: 1;
  email: string;
  requestedAt: Date;
}

export const passwordResetRequestCollection = defineCollection({
  name: 'password_reset_requests',
  privacy: {
    classes: ['direct-identifier'],
    personalData: ['contact'],
    retention: 'short-lived',
    subject: { email: 'email' },
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
 * deleted once the cron function has handled it, so addresses (known or not) stay only while queued.
 */
export const createPasswordResetRequestStore = (db: Db): PasswordResetRequests => {
  const requests = passwordResetRequestCollection.in<PasswordResetRequestDocument>(db);
  return {
    enqueue: async ({ id, email, requestedAt }) => {
      await requests.insertOne({ _id: id, schemaVersion: 1, email, requestedAt });
    },
    queued: async (limit) => {
      const found = await requests.find({}).sort({ requestedAt: 1 }).limit(limit).toArray();
      return found.map(({ _id, email, requestedAt }) => ({ id: _id, email, requestedAt }));
    },
    remove: async (id) => {
      await requests.deleteOne({ _id: id });
    },
  };
};
