import { createMonitorService, createStaffMonitoringService, detectionSettingsSchema } from '../../security/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { eventPublisher } from '../broker/broker-publisher.ts';
import { mailer } from '../mail/smtp-mailer.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createSecurityAlertStore } from '../mongodb/security-alert-store.ts';
import { createSecurityIncidentStore } from '../mongodb/security-incident-store.ts';
import { createSecuritySignalStore } from '../mongodb/security-signal-store.ts';
import { userCollection } from '../mongodb/user-store.ts';
import { monitoringConfig } from './monitoring-config.ts';

/** The detection consumer: rules over security events, alerts stored, published and mailed. */
export const securityMonitor = defineResource({
  name: 'security-monitor',
  config: monitoringConfig,
  requires: [mongo, eventPublisher, mailer],
  create: (config, { use, log }) => {
    const db = use(mongo).db;
    const publisher = use(eventPublisher);
    return createMonitorService({
      signals: createSecuritySignalStore(db),
      alerts: createSecurityAlertStore(db),
      incidents: createSecurityIncidentStore(db),
      publisher: {
        publish: async (data, traceparent) => {
          await publisher.publish({ id: data.id, type: 'com.uxflow.security.alert.v1', subject: data.id, data, traceparent });
        },
      },
      mailer: use(mailer),
      settings: detectionSettingsSchema.parse(config),
      mail: {
        to: config.SECURITY_ALERT_MAIL_TO,
        minSeverity: config.SECURITY_ALERT_MAIL_MIN_SEVERITY,
        consoleUrl: config.SECURITY_CONSOLE_URL,
      },
      clock: { now: () => new Date() },
      onDeliveryFailure: (alert, error) =>
        log.warn({ err: error, alertId: alert.id }, 'security alert not delivered yet: the delivery cron retries'),
    });
  },
});

/** Staff reading alerts and incidents and working incidents, audited. */
export const staffMonitoring = defineResource({
  name: 'staff-monitoring',
  config: defineConfig({ name: 'staff-monitoring', shape: {}, devDefaults: {} }),
  requires: [mongo, auditLog],
  create: (_config, { use }) => {
    const db = use(mongo).db;
    const users = userCollection.in<{ _id: string; platformRoles?: string[] }>(db);
    return createStaffMonitoringService({
      alerts: createSecurityAlertStore(db),
      incidents: createSecurityIncidentStore(db),
      audit: use(auditLog),
      isStaff: async (userId) =>
        ((await users.findOne({ _id: userId }, { projection: { platformRoles: 1 } }))?.platformRoles ?? []).length > 0,
      clock: { now: () => new Date() },
    });
  },
});
