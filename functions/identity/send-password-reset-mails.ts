import { passwordResetDelivery } from '../../shared/infra/identity/password-reset-delivery-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Requests per run; a backlog drains over the next runs. */
const batchSize = 100;

export default defineCronFunction({
  name: 'identity-send-password-reset-mails',
  domain: 'identity',
  description:
    'Every minute, mails a reset link for each queued forgot-password request whose address has an account (the password_reset_requests outbox).',
  schedule: '* * * * *',
  uses: [passwordResetDelivery],
  costTags: { team: 'identity', costCenter: 'cc-identity', tier: 'batch' },
  privacy: { personalData: ['contact', 'credentials'], purpose: 'let users regain access to their account', legalBasis: 'contract' },
  handler: async (_tick, { use, log }) => {
    const report = await use(passwordResetDelivery).deliverQueued(batchSize);
    if (report.mailed + report.noAccount + report.expired > 0) log.info(report, 'password-reset requests handled');
  },
});
