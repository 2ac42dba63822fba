import { breachSystem } from '../../shared/infra/privacy/breach-resources.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Every 10 minutes, raises once each 48 h and 68 h alert of a breach not yet notified to the authority, and mails the DPO.',
  schedule: '*/10 * * * *',
  uses: [breachSystem],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['identity'],
    purpose: 'keep the register of personal-data breaches, assess whom they affect and draft the notices (GDPR Art. 33 and 34)',
    legalBasis: 'legal-obligation',
  },
  handler: async (_tick, { use, log }) => {
    const outcome = await use(breachSystem).run();
    if (outcome.failed > 0) log.error(outcome, 'breach deadline alerts: some mails not sent (retried on the next run)');
    else log.info(outcome, 'breach deadline alerts');
  },
});
