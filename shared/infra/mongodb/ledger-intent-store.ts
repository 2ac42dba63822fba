import type { Db } from 'mongodb';
import type { ReservationIntent, ReservationIntents } from '../../billing/index.ts';
import { defineCollection } from './collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const ledgerIntentCollection = defineCollection({
  name: 'credit_reservation_intents',
  privacy: noPersonalData('open credit reservations and their expiry (ids only)', 'short-lived', ['financial']),
  indexes: [
    // The release cron reads the due reservations (a range: it scans on FerretDB, uses this on MongoDB).
    { name: 'credit_reservation_intents_expires', keys: { expiresAt: 1 } },
  ],
});

interface ReservationIntentDocument {
  /** The reservation id. */
  _id: string;
  workspaceId: string;
  expiresAt: Date;
  schemaVersion: 1;
}

const toIntent = ({ _id, workspaceId, expiresAt }: ReservationIntentDocument): ReservationIntent => ({
  reservationId: _id,
  workspaceId,
  expiresAt,
});

/** `credit_reservation_intents`: one document per unsettled reservation, read by the release cron. */
export const createLedgerIntentStore = (db: Db): ReservationIntents => {
  const intents = ledgerIntentCollection.in<ReservationIntentDocument>(db);
  return {
    insert: async ({ reservationId, workspaceId, expiresAt }) => {
      await intents.insertOne({ _id: reservationId, workspaceId, expiresAt, schemaVersion: 1 });
    },
    remove: async (reservationId) => {
      await intents.deleteOne({ _id: reservationId });
    },
    // A range scan on FerretDB (only equality uses indexes); the table holds only in-flight work.
    due: async (now, limit) =>
      (
        await intents
          .find({ expiresAt: { $lt: now } })
          .limit(limit)
          .toArray()
      ).map(toIntent),
  };
};
