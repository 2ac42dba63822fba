import { billingSystem } from '../../shared/infra/billing/billing-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { ledgerCron } from './lib/ledger-function.ts';

export default defineCronFunction({
  ...ledgerCron,
  description:
    'Hourly, removes expired credit packs from the balances; examines only workspaces whose ledger moved or whose next pack expiry passed.',
  schedule: '7 * * * *',
  uses: [billingSystem],
  handler: async (_tick, { use, log }) => {
    const result = await use(billingSystem).expirePacks('cron:expire-packs');
    const failures = result.failures.map(({ workspaceId, error }) => ({ workspaceId, error: String(error) }));
    if (failures.length > 0) log.warn({ failures }, 'pack expiry left for the next run');
    log.info({ examined: result.examined, expired: result.expired }, 'credit packs swept');
  },
});
