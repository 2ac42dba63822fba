import type { Db } from 'mongodb';
import type { BillingAccount, BillingAccounts } from '../../billing/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';

export const billingAccountCollection = defineCollection({
  name: 'billing_accounts',
  privacy: {
    classes: ['financial', 'pseudonymous'],
    personalData: ['billing'],
    retention: 'billing-records',
    subject: { workspaceId: '_id', stripeCustomer: 'customerId' },
    export: 'records',
    erase: 'unlink',
  },
  indexes: [{ name: 'billing_accounts_customer_unique', keys: { customerId: 1 }, unique: true }],
});

interface BillingAccountDocument extends Omit<BillingAccount, 'workspaceId'> {
  /** The workspace id: one account per workspace by construction. */
  _id: string;
  schemaVersion: 1;
}

const toAccount = ({ _id, schemaVersion: _s, ...rest }: BillingAccountDocument): BillingAccount => ({ ...rest, workspaceId: _id });

export const createBillingAccountStore = (db: Db): BillingAccounts => {
  const accounts = billingAccountCollection.in<BillingAccountDocument>(db);
  const find = async (workspaceId: string) => {
    const found = await accounts.findOne({ _id: workspaceId });
    return found ? toAccount(found) : null;
  };
  return {
    find,
    findByCustomer: async (customerId) => {
      const found = await accounts.findOne({ customerId });
      return found ? toAccount(found) : null;
    },
    insert: async ({ workspaceId, ...account }) => {
      try {
        await accounts.insertOne({ ...account, _id: workspaceId, schemaVersion: 1 });
        return { workspaceId, ...account };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const stored = await find(workspaceId);
        if (!stored) throw error;
        return stored;
      }
    },
  };
};
