import { billingSystem } from '../../shared/infra/billing/billing-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Workspaces per run; the rest follow next hour. */
const batchSize = 500;

export default defineCronFunction({
  description: 'Hourly: workspaces whose card-less trial ended without a subscription go to the free plan.',
  schedule: '7 * * * *',
  uses: [billingSystem],
  costTags: { team: 'billing', costCenter: 'cc-billing', tier: 'batch' },
  privacy: {
    personalData: ['billing'],
    purpose: 'move workspaces whose trial or payment grace ended to the free plan',
    legalBasis: 'contract',
  },
  handler: async (_tick, { use, log }) => {
    const billing = use(billingSystem);
    const repaired = await billing.grantRunningTrialCredits(batchSize);
    const failures = repaired.failures.map(({ workspaceId, error }) => ({ workspaceId, error: String(error) }));
    if (failures.length > 0) log.warn({ failures }, 'trial credits left for the next run');
    const changed = await billing.expireTrials(batchSize);
    if (changed.length > 0) log.info({ workspaces: changed.length }, 'trials ended');
  },
});
