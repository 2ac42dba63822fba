import { addDays, dayOf } from '../../shared/billing/usage-report.ts';
import { createUsage } from '../../shared/billing/usage-service.ts';
import { usagePorts } from '../../shared/infra/billing/usage-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { ledgerCron } from './lib/ledger-function.ts';

/** Yesterday and the day before: a run that failed or was skipped is made good the next day. */
const daysBack = [2, 1];

export default defineCronFunction({
  ...ledgerCron,
  description: 'Daily, writes each workspace’s usage of the last complete days (usage_daily), recomputed from the ledger entries.',
  schedule: '30 0 * * *',
  uses: [usagePorts],
  handler: async (_tick, { use, log }) => {
    const usage = createUsage(use(usagePorts));
    const today = dayOf(new Date());
    for (const back of daysBack) log.info(await usage.rollUp(addDays(today, -back)), 'usage rolled up');
  },
});
