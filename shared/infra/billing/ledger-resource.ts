import { setTimeout as wait } from 'node:timers/promises';
import type { LedgerPorts } from '../../billing/index.ts';
import { createOneAtATime, newId } from '../../kernel/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createLedgerEntryStore } from '../mongodb/ledger-entry-store.ts';
import { createLedgerIntentStore } from '../mongodb/ledger-intent-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';

/**
 * The credit ledger's ports wired to MongoDB (`credit_ledger`, `credit_ledger_heads`,
 * `credit_reservation_intents`), the real clock and timers. Functions build the ledger with
 * `createLedger(use(ledgerPorts))`.
 */
export const ledgerPorts = defineResource({
  name: 'ledger-ports',
  config: defineConfig({ name: 'ledger', shape: {}, devDefaults: {} }),
  requires: [mongo],
  create: (_config, { use }): LedgerPorts => {
    const { db } = use(mongo);
    return {
      entries: createLedgerEntryStore(db),
      intents: createLedgerIntentStore(db),
      clock: { now: () => new Date() },
      newId,
      sleep: async (ms) => {
        await wait(ms);
      },
      oneAtATime: createOneAtATime(),
    };
  },
});
