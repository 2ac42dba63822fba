import { createLedger } from '../../billing/index.ts';
import { createBillingReader } from '../../billing/subscription-billing.ts';
import { createSubscriptionSync } from '../../billing/subscription-sync.ts';
import { createTrialCredits } from '../../billing/trial-credits.ts';
import { createStripeEventHandler } from '../../billing/webhook-handlers.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { createBillingAccountStore } from '../mongodb/billing-account-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createStripeEventStore } from '../mongodb/stripe-event-store.ts';
import { createSubscriptionSnapshotStore } from '../mongodb/subscription-snapshot-store.ts';
import { createSharedPlanCache } from '../upstash/plan-cache.ts';
import { upstashScripts } from '../upstash/upstash-scripts.ts';
import { ledgerPorts } from './ledger-resource.ts';
import { createPackPurchaseStore } from './webhook-pack-purchase-store.ts';
import { createGraceCandidates, createWorkspacePlanStore } from './webhook-workspace-plans.ts';

/**
 * Billing state over MongoDB: the Stripe event outbox, subscription snapshots and the derived
 * workspace plan (whose shared rate-limit cache it invalidates), pack purchases, and the services built on them (the ledger from `ledgerPorts`).
 */
export const billingState = defineResource({
  name: 'billing-state',
  config: defineConfig({ name: 'billing-state', shape: {}, devDefaults: {} }),
  requires: [mongo, ledgerPorts, upstashScripts, auditLog],
  create: (_config, { use, log }) => {
    const { db } = use(mongo);
    const ports = use(ledgerPorts);
    const ledger = createLedger(ports);
    const snapshots = createSubscriptionSnapshotStore(db);
    const workspacePlans = createWorkspacePlanStore(db, createSharedPlanCache(use(upstashScripts)));
    const accounts = createBillingAccountStore(db);
    const sync = createSubscriptionSync({
      snapshots,
      workspacePlans,
      graceCandidates: createGraceCandidates(db),
      ledger,
      clock: ports.clock,
      audit: use(auditLog),
    });
    const packPurchases = createPackPurchaseStore(db);
    const stripeEvents = createStripeEventStore(db);
    return {
      stripeEvents,
      sync,
      trialCredits: createTrialCredits({ ledger, workspacePlans, clock: ports.clock }),
      reader: createBillingReader({ snapshots, workspacePlans, ledger, clock: ports.clock }),
      handler: createStripeEventHandler({ events: stripeEvents, accounts, snapshots, sync, ledger, packPurchases, log }),
    };
  },
});
