import { billingSystem } from '../../shared/infra/billing/billing-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { ledgerCron } from './lib/ledger-function.ts';

export default defineCronFunction({
  ...ledgerCron,
  description: 'Daily, writes each workspace’s usage of the last complete days (usage_daily), recomputed from the ledger entries.',
  schedule: '30 0 * * *',
  uses: [billingSystem],
  handler: async (_tick, { use, log }) => {
    for (const day of await use(billingSystem).rollUpUsage()) log.info(day, 'usage rolled up');
  },
});
