import type { Db } from 'mongodb';
import type { PackPurchase, PackPurchases } from '../../billing/subscription-ports.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { defineCollection } from '../mongodb/collection.ts';

export const packPurchaseCollection = defineCollection({
  name: 'stripe_pack_purchases',
  privacy: {
    classes: ['financial'],
    personalData: ['billing'],
    retention: 'billing-records',
    subject: { workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'unlink',
  },
});

interface PackPurchaseDocument extends Omit<PackPurchase, 'paymentId'> {
  /** The PaymentIntent id: one purchase per payment. */
  _id: string;
  schemaVersion: 1;
}

/** `stripe_pack_purchases`: which payment bought which pack, for `charge.refunded`. */
export const createPackPurchaseStore = (db: Db): PackPurchases => {
  const purchases = packPurchaseCollection.in<PackPurchaseDocument>(db);
  return {
    insert: async ({ paymentId, ...purchase }) => {
      try {
        await purchases.insertOne({ ...purchase, _id: paymentId, schemaVersion: 1 });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    findByPayment: async (paymentId) => {
      const found = await purchases.findOne({ _id: paymentId });
      if (!found) return null;
      return {
        paymentId: found._id,
        workspaceId: found.workspaceId,
        packId: found.packId,
        credits: found.credits,
        purchasedAt: found.purchasedAt,
      };
    },
  };
};
