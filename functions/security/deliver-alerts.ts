import { securityMonitor } from '../../shared/infra/security/monitoring-resources.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Alerts per run; a backlog drains over the next runs. */
const batchSize = 100;

export default defineCronFunction({
  description:
    'Every minute, publishes (com.uxflow.security.alert.v1) and mails the security alerts whose consumer did not deliver them within a minute (the security_alerts outbox).',
  schedule: '* * * * *',
  uses: [securityMonitor],
  costTags: { team: 'security', costCenter: 'cc-security', tier: 'batch' },
  privacy: {
    personalData: ['network', 'security'],
    purpose: 'alert staff to detected attacks and abuse',
    legalBasis: 'legitimate-interests',
  },
  handler: async (_tick, { use, log }) => {
    const delivered = await use(securityMonitor).deliverPending(batchSize);
    if (delivered > 0) log.info({ delivered }, 'security alerts delivered');
  },
});
