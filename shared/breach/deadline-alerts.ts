import { systemActor, type AuditLog } from '../audit/index.ts';
import { authorityDeadlineOf, owesAuthorityNotice, thresholdsPassed, type Breach, type BreachAlert } from './breach.ts';
import type { BreachAlertStore, BreachClock, BreachHistoryStore, BreachMail, BreachStore } from './ports.ts';

export interface DeadlineAlertDeps {
  breaches: BreachStore;
  history: BreachHistoryStore;
  alerts: BreachAlertStore;
  audit: AuditLog;
  clock: BreachClock;
  send: (mail: BreachMail) => Promise<void>;
  dpoEmail: string;
  appUrl: string;
}

const hourMs = 3_600_000;
// A breach aware for longer than this is overdue by weeks: its alerts were raised (or it was
// registered that late, and the register shows it overdue); the cron need not look at it again.
const lookbackMs = 30 * 24 * hourMs;
// An alert whose mail did not go out (a crash, the relay down) is mailed again after this.
const retryAfterMs = 5 * 60_000;

const mailOf = (breach: Breach, alert: BreachAlert, dpoEmail: string, appUrl: string): BreachMail => ({
  to: dpoEmail,
  subject: `Breach ${breach.id}: ${alert.threshold} since awareness, authority notice due ${authorityDeadlineOf(breach.awareAt).toISOString()}`,
  text: [
    `The breach ${breach.id} has been known for ${alert.threshold} and the supervisory authority has not been notified yet.`,
    `Deadline (72 hours after awareness): ${authorityDeadlineOf(breach.awareAt).toISOString()}.`,
    `Description: ${breach.description}`,
    `Register: ${appUrl}/admin/breaches/${breach.id}`,
  ].join('\n'),
});

/**
 * Raises each deadline alert once (the insert keyed by breach and threshold decides), then mails
 * the DPO; a mail that failed is sent again on a later run (at least once: a crash between the
 * send and its mark can send it twice).
 */
export const createBreachDeadlineAlerts = (deps: DeadlineAlertDeps) => ({
  run: async (): Promise<{ raised: number; mailed: number; failed: number }> => {
    const now = deps.clock.now();
    const candidates = await deps.breaches.awareBetween(new Date(now.getTime() - lookbackMs), new Date(now.getTime() - 48 * hourMs), 500);
    const latest = await deps.history.latestOf(candidates.map((b) => b.id));
    const byId = new Map(candidates.map((b) => [b.id, b]));
    let raised = 0;
    for (const breach of candidates) {
      if (!owesAuthorityNotice(latest.get(breach.id)?.status ?? 'suspected')) continue;
      for (const threshold of thresholdsPassed(breach.awareAt, now)) {
        if (!(await deps.alerts.raise({ breachId: breach.id, threshold, raisedAt: now, mailedAt: null }))) continue;
        raised += 1;
        await deps.audit.record({
          action: 'breach.deadline_alert_raised',
          actor: systemActor('privacy-breach-deadline-alerts'),
          target: { type: 'breach', id: breach.id },
          details: { threshold },
          key: `breach:${breach.id}:alert:${threshold}`,
        });
      }
    }
    let mailed = 0;
    let failed = 0;
    for (const alert of await deps.alerts.unmailed(new Date(now.getTime() + 1), 100)) {
      // Fresh ones now; older unmailed ones only after a pause (another run may be sending them).
      if (alert.raisedAt.getTime() !== now.getTime() && now.getTime() - alert.raisedAt.getTime() < retryAfterMs) continue;
      const breach = byId.get(alert.breachId) ?? (await deps.breaches.find(alert.breachId));
      if (!breach) continue;
      try {
        await deps.send(mailOf(breach, alert, deps.dpoEmail, deps.appUrl));
      } catch {
        // The relay is down: the next run sends it; the other alerts still get their chance.
        failed += 1;
        continue;
      }
      await deps.alerts.markMailed(alert.breachId, alert.threshold, deps.clock.now());
      mailed += 1;
    }
    return { raised, mailed, failed };
  },
});
