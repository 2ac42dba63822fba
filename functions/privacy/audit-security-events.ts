import { auditSystem } from '../../shared/infra/audit/audit-resources.ts';
import { defineEventFunction } from '../../shared/platform/definition/index.ts';
import { auditPrivacy } from './lib/audit-function.ts';

export default defineEventFunction({
  description: 'Records each security event in the audit log once (keyed by the event id), mapped to its audit action.',
  events: ['com.uxflow.security.event.v1'],
  uses: [auditSystem],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: auditPrivacy,
  handler: async (event, { use, log }) => {
    const { isNew } = await use(auditSystem).recordSecurityEvent(event.data);
    log.info({ eventId: event.id, type: event.data.type, isDuplicate: !isNew }, 'security event audited');
  },
});
