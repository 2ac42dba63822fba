import type { AlertMail } from './ports.ts';
import type { Alert } from './records.ts';

/** The staff mail for an alert: what fired, about whom, and where to follow it up. No secrets, no event payloads. */
export const alertMail = (alert: Alert, to: string, consoleUrl: string): AlertMail => ({
  to,
  subject: `[security ${alert.severity}] ${alert.title}`,
  text: [
    `Rule: ${alert.rule} (${alert.severity})`,
    `Subject: ${alert.subject.kind} ${alert.subject.id}`,
    `Seen: ${alert.value} (threshold ${alert.threshold}) between ${alert.windowStart.toISOString()} and ${alert.windowEnd.toISOString()}`,
    `Alert: ${alert.id}`,
    `Incident: ${alert.incidentId} — ${consoleUrl.replace(/\/$/, '')}/v1/admin/security/incidents/${alert.incidentId}`,
  ].join('\n'),
});
