import type { UsagePorts } from '../../billing/usage-ports.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createUsageDayStore } from '../mongodb/usage-day-store.ts';
import { createUsageEntryStore } from '../mongodb/usage-entry-store.ts';

/**
 * Usage's ports wired to MongoDB (`credit_ledger` read only, `usage_daily`, `usage_daily_runs`) and
 * the real clock. Functions build the service with `createUsage(use(usagePorts))`.
 */
export const usagePorts = defineResource({
  name: 'usage-ports',
  config: defineConfig({ name: 'usage', shape: {}, devDefaults: {} }),
  requires: [mongo],
  create: (_config, { use }): UsagePorts => {
    const { db } = use(mongo);
    return { entries: createUsageEntryStore(db), days: createUsageDayStore(db), clock: { now: () => new Date() } };
  },
});
