import { auditSystem } from '../../shared/infra/audit/audit-resources.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { auditPrivacy } from './lib/audit-function.ts';

/** Records per run; a backlog drains over the next runs. */
const batchSize = 500;

export default defineCronFunction({
  description: 'Every minute, appends the audit records whose immediate append failed (the audit_pending queue) to their chains.',
  schedule: '* * * * *',
  uses: [auditSystem],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: auditPrivacy,
  handler: async (_tick, { use, log }) => {
    const appended = await use(auditSystem).appendPending(batchSize);
    if (appended > 0) log.info({ appended }, 'queued audit records appended');
  },
});
