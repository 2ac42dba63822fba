import { billingSystem } from '../../shared/infra/billing/billing-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { ledgerCron } from './lib/ledger-function.ts';

export default defineCronFunction({
  ...ledgerCron,
  description:
    'Daily, gives each free workspace (no trial running) its 100 monthly plan credits, once per calendar month (key free:<YYYY-MM>).',
  schedule: '15 0 * * *',
  uses: [billingSystem],
  handler: async (_tick, { use, log }) => {
    const result = await use(billingSystem).grantFreeCredits('cron:grant-free-credits');
    const failures = result.failures.map(({ workspaceId, error }) => ({ workspaceId, error: String(error) }));
    if (failures.length > 0) log.warn({ failures }, 'free credits left for the next run');
    log.info({ workspaces: result.workspaces }, 'free plan credits granted');
  },
});
