import { billingSystem } from '../../shared/infra/billing/billing-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Workspaces per run; the rest follow next hour. */
const batchSize = 500;

export default defineCronFunction({
  description: 'Hourly: workspaces whose failed payment was not settled within the 7-day grace go to the free plan.',
  schedule: '17 * * * *',
  uses: [billingSystem],
  costTags: { team: 'billing', costCenter: 'cc-billing', tier: 'batch' },
  privacy: {
    personalData: ['billing'],
    purpose: 'move workspaces whose trial or payment grace ended to the free plan',
    legalBasis: 'contract',
  },
  handler: async (_tick, { use, log }) => {
    const changed = await use(billingSystem).expireGracePeriods(batchSize);
    if (changed.length > 0) log.info({ workspaces: changed.length }, 'grace periods ended');
  },
});
