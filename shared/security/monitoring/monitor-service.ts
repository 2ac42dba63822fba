import { newId, type Traced } from '../../kernel/index.ts';
import {
  detectionRules,
  evaluate,
  severities,
  windowOf,
  type DetectionRule,
  type DetectionSettings,
  type Finding,
  type Observation,
  type Severity,
} from '../detection/index.ts';
import { alertMail } from './alert-mail.ts';
import type { AlertMailer, AlertPublisher, AlertStore, IncidentStore, SignalStore } from './ports.ts';
import { alertData, type Alert } from './records.ts';

export interface MonitorPorts {
  signals: SignalStore;
  alerts: AlertStore;
  incidents: IncidentStore;
  publisher: AlertPublisher;
  mailer: AlertMailer;
  settings: DetectionSettings;
  /** Staff addresses alerts are mailed to, and the least severity that is mailed. */
  mail: { to: readonly string[]; minSeverity: Severity; consoleUrl: string };
  clock: { now: () => Date };
  /** Told when the immediate delivery of a new alert failed (the delivery cron retries it). */
  onDeliveryFailure?: (alert: Alert, error: unknown) => void;
  rules?: readonly DetectionRule[];
}

/** How long the consumer that raised an alert has to deliver it before the delivery cron takes over. */
export const deliveryGraceMs = 60_000;

/**
 * Enough signals to decide any threshold: each weighs at least 1, and a distinct-count rule needs
 * that many distinct values among the newest ones (a subject repeating one value thousands of times
 * within the window could hide older distinct ones: the sum rule on the same events still fires).
 */
const signalsToRead = (rule: DetectionRule, settings: DetectionSettings) =>
  Math.min(5000, rule.threshold(settings) * (rule.measure === 'distinct' ? 50 : 1));

const minuteMs = 60_000;

/**
 * The detection side of security monitoring: each observation feeds every rule's sliding window
 * (a signal per rule, keyed by the event), the rule is evaluated over the window, and a finding
 * raises an alert once per rule, subject and window slot (a unique insert decides between
 * concurrent consumers), grouped into an incident, published and mailed by severity. The alerts
 * are an outbox: the consumer that raised one delivers it, and a cron delivers what it did not.
 */
export const createMonitorService = (ports: MonitorPorts) => {
  const { signals, alerts, incidents, settings, clock } = ports;
  const rules = ports.rules ?? detectionRules;

  const incidentFor = async (finding: Finding, rule: DetectionRule) => {
    const period = settings.SECURITY_INCIDENT_GROUP_MINUTES * minuteMs;
    const slotStart = finding.slot * rule.windowMinutes(settings) * minuteMs;
    const groupKey = `${finding.rule}|${finding.subject.kind}|${finding.subject.id}|${Math.floor(slotStart / period)}`;
    const incident = await incidents.open({
      id: newId('inc'),
      groupKey,
      rule: finding.rule,
      title: finding.title,
      severity: finding.severity,
      subject: finding.subject,
      openedAt: clock.now(),
    });
    await reopenIfClosed(incident.id);
    return incident;
  };

  /** A new alert reopens a closed incident (the system's change, arbitrated like a staff one). */
  const reopenIfClosed = async (incidentId: string) => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const latest = (await incidents.latestChanges([incidentId])).get(incidentId);
      if (latest?.status !== 'closed') return;
      const reopened = await incidents.append({
        incidentId,
        seq: latest.seq + 1,
        status: 'open',
        assignee: latest.assignee,
        note: 'Reopened: a new alert joined the incident.',
        actor: { type: 'system', id: null },
        at: clock.now(),
      });
      if (reopened) return;
    }
  };

  // An alert read back by the delivery cron carries the trace of the event that raised it.
  const deliver = async (alert: Traced<Alert>) => {
    if (!alert.publishedAt) {
      await ports.publisher.publish(alertData(alert), alert.traceparent);
      await alerts.markPublished(alert.id, clock.now());
    }
    const mailed = severities.indexOf(alert.severity) >= severities.indexOf(ports.mail.minSeverity);
    if (!alert.mailedAt && mailed && ports.mail.to.length > 0) {
      for (const to of ports.mail.to) await ports.mailer.send(alertMail(alert, to, ports.mail.consoleUrl));
      await alerts.markMailed(alert.id, clock.now());
    }
    await alerts.markDelivered(alert.id);
  };

  const raise = async (finding: Finding, rule: DetectionRule, eventId: string): Promise<Alert> => {
    const slotKey = `${finding.rule}|${finding.subject.kind}|${finding.subject.id}|${finding.slot}`;
    // Every later event of a slot over the threshold lands here: one read, and nothing more once delivered.
    const existing = await alerts.findBySlot(slotKey);
    if (existing) return existing;
    const incident = await incidentFor(finding, rule);
    const { alert, isNew } = await alerts.raise({
      id: newId('sal'),
      rule: finding.rule,
      title: finding.title,
      severity: finding.severity,
      subject: finding.subject,
      value: finding.value,
      threshold: finding.threshold,
      windowStart: finding.windowStart,
      windowEnd: finding.windowEnd,
      slotKey,
      eventId,
      incidentId: incident.id,
      raisedAt: clock.now(),
      publishedAt: null,
      mailedAt: null,
    });
    // Only the consumer whose insert won delivers at once (so a burst seen by many consumers is
    // published and mailed once); if it fails or dies, the delivery cron takes the alert over.
    if (isNew) {
      await deliver(alert).catch((error: unknown) => ports.onDeliveryFailure?.(alert, error));
    }
    return alert;
  };

  return {
    /**
     * Feeds one observation to every rule; the alerts whose threshold it reached (a redelivery
     * returns the same alerts; each is published and mailed once). Throws when a store fails: the
     * broker redelivers. A failed publish or mail does not throw: the delivery cron retries it.
     */
    observe: async (observation: Observation): Promise<Alert[]> => {
      const raised: Alert[] = [];
      for (const rule of rules) {
        const signal = rule.signal(observation);
        if (!signal) continue;
        await signals.add({ ...signal, at: observation.at, id: `${observation.id}:${rule.name}`, rule: rule.name });
        const { from, to } = windowOf(rule, settings, observation.at);
        const window = await signals.within(rule.name, signal.subject, from, to, signalsToRead(rule, settings));
        const finding = evaluate(rule, settings, signal.subject, observation.at, window);
        if (finding) raised.push(await raise(finding, rule, observation.id));
      }
      return raised;
    },

    /**
     * Delivers the alerts whose consumer did not within `deliveryGraceMs` (the outbox sweep);
     * how many. Throws on the first failure (the next run tries again).
     */
    deliverPending: async (limit: number): Promise<number> => {
      const pending = await alerts.undelivered(new Date(clock.now().getTime() - deliveryGraceMs), limit);
      for (const alert of pending) await deliver(alert);
      return pending.length;
    },
  };
};

export type MonitorService = ReturnType<typeof createMonitorService>;
