import type { Db } from 'mongodb';
import type { PackSweepPorts, PackWatch } from '../../billing/usage-pack-sweep.ts';
import { ledgerHeadCollection } from './ledger-entry-store.ts';
import { defineCollection } from './collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const packWatchCollection = defineCollection({
  name: 'credit_pack_watch',
  privacy: noPersonalData('when the credit packs of a workspace next expire', 'billing-records', ['financial']),
});

interface PackWatchDocument extends Omit<PackWatch, 'workspaceId'> {
  /** The workspace id. */
  _id: string;
  schemaVersion: 1;
}

/**
 * The pack-expiry cron's ports: the ledger head hints (read only; one small document per workspace
 * with a ledger) and its own watch documents (`credit_pack_watch`, `_id` = workspace id).
 */
export const createPackSweepStore = (db: Db): PackSweepPorts => {
  const watches = packWatchCollection.in<PackWatchDocument>(db);
  return {
    heads: async () =>
      (await ledgerHeadCollection.in<{ _id: string; seq: number }>(db).find({}).toArray()).map(({ _id, seq }) => ({
        workspaceId: _id,
        seq,
      })),
    watches: {
      all: async () => (await watches.find({}).toArray()).map(({ _id, schemaVersion: _s, ...watch }) => ({ workspaceId: _id, ...watch })),
      put: async ({ workspaceId, ...watch }) => {
        await watches.replaceOne({ _id: workspaceId }, { ...watch, schemaVersion: 1 }, { upsert: true });
      },
    },
  };
};
