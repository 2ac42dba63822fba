import { createAuditRecorder, type AuditLog } from '../../audit/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { currentRequest } from '../../platform/request-scope.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditPorts } from './audit-ports-resource.ts';

/**
 * The `AuditLog` port for every domain that records (workspaces, identity, billing, privacy):
 * queued, then appended at once; the request's ids and caller come from the request scope.
 */
export const auditLog = defineResource({
  name: 'audit-log',
  config: defineConfig({ name: 'audit-recorder', shape: {}, devDefaults: {} }),
  requires: [auditPorts],
  create: (_config, { use, log }): AuditLog => {
    const ports = use(auditPorts);
    return createAuditRecorder({
      appender: ports.appender,
      pending: ports.pending,
      personal: ports.personal,
      clock: ports.clock,
      newId: ports.newId,
      requestFacts: () => {
        const scope = currentRequest();
        const auth = scope?.auth();
        return {
          requestId: scope?.requestId ?? null,
          traceId: scope?.traceId ?? null,
          caller: auth
            ? {
                via: auth.via,
                userId: auth.userId,
                sessionId: auth.sessionId,
                ...(auth.impersonation ? { impersonatedBy: auth.impersonation.staffUserId } : {}),
              }
            : null,
        };
      },
      // The record holds no secrets; its personal values stay out of the log line.
      report: (problem, record, error) =>
        log[problem === 'dropped' ? 'error' : 'warn'](
          { err: error, audit: { action: record.action, key: record.key, workspaceId: record.workspaceId ?? null } },
          problem === 'dropped' ? 'audit record dropped' : 'audit record queued for the append cron',
        ),
    });
  },
});
