import { billingSystem } from '../../shared/infra/billing/billing-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Workspaces per run; the rest follow next hour. */
const batchSize = 500;

export default defineCronFunction({
  name: 'billing-expire-trials',
  domain: 'billing',
  description: 'Hourly: workspaces whose card-less trial ended without a subscription go to the free plan.',
  schedule: '7 * * * *',
  uses: [billingSystem],
  costTags: { team: 'billing', costCenter: 'cc-billing', tier: 'batch' },
  privacy: { personalData: 'none' },
  handler: async (_tick, { use, log }) => {
    const changed = await use(billingSystem).expireTrials(batchSize);
    if (changed.length > 0) log.info({ workspaces: changed.length }, 'trials ended');
  },
});
