import { billingRecordsRetention } from '../../shared/infra/privacy/retention-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description:
    'Daily: removes billing records older than 10 years (ledger entries up to a settled cut, Stripe events, model calls, roll-ups).',
  schedule: '0 4 * * *',
  uses: [billingRecordsRetention],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['billing', 'usage'],
    purpose: 'end the billing records’ 10-year retention (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (tick, { use, log }) => {
    const removed = await use(billingRecordsRetention).run(new Date(tick.time));
    log.info({ rule: 'billing-records', removed }, 'retention job done');
  },
});
