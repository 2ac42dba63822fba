import createCheckout from '../../../functions/billing/create-checkout.ts';
import getBilling from '../../../functions/billing/get.ts';
import { billingAccountCollection } from '../../../shared/infra/mongodb/billing-account-store.ts';
import type { LoadAction } from '../load.ts';
import { pick, startRigBase } from './rig-base.ts';

const web = 'http://localhost:5173';

/**
 * Checkout against stripe-mock behind the proxy: a workspace's first checkout creates its Stripe
 * customer and then its billing account (so new workspaces keep arriving during the fault), billing
 * reads need no Stripe. Invariant: at most one billing account per workspace, each naming a customer.
 */
export const startStripeRig = async (name: string, env: Record<string, string>) => {
  const base = await startRigBase(name, { BILLING_RETURN_URL_ORIGINS: web, ...env }, { plan: 'free', services: ['stripe'] });
  const checkout = base.appOf(createCheckout, 'billing-create-checkout');
  const billing = base.appOf(getBilling, 'billing-get');
  const workspaces = [base.workspaceId];
  const buy = (workspaceId: string): LoadAction => ({
    name: 'billing-create-checkout',
    kind: 'write',
    send: () =>
      base.send(checkout, `/v1/workspaces/${workspaceId}/billing/checkout`, {
        method: 'POST',
        body: { pack: 'pack_500', successUrl: `${web}/billing/done`, cancelUrl: `${web}/billing` },
      }),
  });
  const read = (workspaceId: string): LoadAction => ({
    name: 'billing-get',
    kind: 'read',
    send: () => base.send(billing, `/v1/workspaces/${workspaceId}/billing`),
  });
  const nextAction = (): LoadAction => {
    const roll = Math.random();
    if (roll < 0.4) return read(pick(workspaces));
    if (roll < 0.6) {
      // A workspace's first checkout: customer creation, then the account insert.
      const fresh: LoadAction = {
        name: 'billing-create-checkout',
        kind: 'write',
        send: async () => {
          const workspaceId = await base.workspace();
          workspaces.push(workspaceId);
          return buy(workspaceId).send();
        },
      };
      return fresh;
    }
    return buy(pick(workspaces));
  };
  const check = async () => {
    const accounts = await base.kit.db.collection(billingAccountCollection.name).find({}).toArray();
    const partialWrites: string[] = [];
    const seen = new Set<string>();
    for (const account of accounts) {
      const id = String(account._id);
      if (seen.has(id)) partialWrites.push(`workspace ${id}: two billing accounts`);
      seen.add(id);
      if (typeof account.customerId !== 'string' || account.customerId === '')
        partialWrites.push(`workspace ${id}: an account without a customer`);
    }
    return { partialWrites, workspaces: workspaces.length, accounts: accounts.length };
  };
  return { nextAction, probes: () => [read(workspaces[0]!), buy(workspaces[0]!), buy(workspaces.at(-1)!)], check, close: base.close };
};
