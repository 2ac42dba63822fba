import { createLedger } from '../../billing/index.ts';
import { createBillingSystemService } from '../../billing/system-service.ts';
import { createUsage } from '../../billing/usage-service.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { findFreeWorkspaces } from '../mongodb/usage-free-workspaces.ts';
import { createPackSweepStore } from '../mongodb/usage-pack-watch-store.ts';
import { ledgerPorts } from './ledger-resource.ts';
import { usagePorts } from './usage-resource.ts';
import { billingState } from './webhook-resource.ts';

/** The billing system service (crons, the Stripe event consumer) over the ledger, usage and billing state. */
export const billingSystem = defineResource({
  name: 'billing-system',
  config: defineConfig({ name: 'billing-system', shape: {}, devDefaults: {} }),
  requires: [mongo, ledgerPorts, usagePorts, billingState],
  create: (_config, { use }) => {
    const { db } = use(mongo);
    const ports = use(ledgerPorts);
    const state = use(billingState);
    return createBillingSystemService({
      ledger: createLedger(ports),
      usage: createUsage(use(usagePorts)),
      sync: state.sync,
      stripeHandler: state.handler,
      trialCredits: state.trialCredits,
      stripeOutbox: {
        unpublished: state.stripeEvents.unpublished,
        markPublished: (event) => state.stripeEvents.markPublished(event.id, ports.clock.now()),
      },
      freeWorkspaces: { at: (now) => findFreeWorkspaces(db, now) },
      packSweep: createPackSweepStore(db),
      clock: ports.clock,
    });
  },
});
