import { createLedger } from '../../shared/billing/index.ts';
import { sweepExpiredPacks } from '../../shared/billing/usage-pack-sweep.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { createPackSweepStore } from '../../shared/infra/mongodb/usage-pack-watch-store.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { ledgerCron } from './lib/ledger-function.ts';

export default defineCronFunction({
  ...ledgerCron,
  description:
    'Hourly, removes expired credit packs from the balances; examines only workspaces whose ledger moved or whose next pack expiry passed.',
  schedule: '7 * * * *',
  uses: [ledgerPorts, mongo],
  handler: async (_tick, { use, log }) => {
    const ledger = createLedger(use(ledgerPorts));
    const result = await sweepExpiredPacks(ledger, createPackSweepStore(use(mongo).db), new Date(), 'cron:expire-packs');
    const failures = result.failures.map(({ workspaceId, error }) => ({ workspaceId, error: String(error) }));
    if (failures.length > 0) log.warn({ failures }, 'pack expiry left for the next run');
    log.info({ examined: result.examined, expired: result.expired }, 'credit packs swept');
  },
});
