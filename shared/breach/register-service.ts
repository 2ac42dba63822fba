import type { AuditLog } from '../audit/index.ts';
import {
  breachTransitions,
  deadlineOf,
  type Breach,
  type BreachStatus,
  type BreachStatusEntry,
  type BreachView,
  type TimeWindow,
} from './breach.ts';
import { breachErrors } from './errors.ts';
import type { BreachAlertStore, BreachClock, BreachHistoryStore, BreachStore } from './ports.ts';

export interface ReportRequest {
  awareAt: Date;
  description: string;
  dataClasses: string[];
  functions: string[];
  stores: string[];
  window: TimeWindow | null;
  /** `suspected` unless the breach is already known to be one. */
  status: 'suspected' | 'confirmed';
  note: string | null;
}

export interface RegisterDeps {
  breaches: BreachStore;
  history: BreachHistoryStore;
  alerts: BreachAlertStore;
  audit: AuditLog;
  clock: BreachClock;
  newId: (prefix: string) => string;
}

const attempts = 5;
const staff = (userId: string) => ({ type: 'staff' as const, id: userId, userId });

/** The breach register: report, read, and move a breach through its workflow (DPO and admins). */
export const createBreachRegister = ({ breaches, history, alerts, audit, clock, newId }: RegisterDeps) => {
  const view = async (breach: Breach): Promise<BreachView> => {
    const [entries, raised] = await Promise.all([history.entries(breach.id), alerts.ofBreach(breach.id)]);
    return {
      ...breach,
      status: entries.at(-1)?.status ?? 'suspected',
      history: entries,
      deadline: deadlineOf(breach, entries, clock.now()),
      alerts: raised,
    };
  };

  const find = async (id: string): Promise<Breach> => {
    const breach = await breaches.find(id);
    if (!breach) throw breachErrors.notFound();
    return breach;
  };

  return {
    report: async (staffId: string, request: ReportRequest): Promise<BreachView> => {
      const now = clock.now();
      if (request.awareAt.getTime() > now.getTime() + 60_000) throw breachErrors.awareInFuture();
      if (request.window && request.window.to.getTime() <= request.window.from.getTime()) throw breachErrors.windowInvalid();
      const breach: Breach = {
        id: newId('brc'),
        awareAt: request.awareAt,
        reportedAt: now,
        reportedBy: staffId,
        description: request.description,
        dataClasses: [...new Set(request.dataClasses)].sort(),
        functions: [...new Set(request.functions)].sort(),
        stores: [...new Set(request.stores)].sort(),
        window: request.window,
      };
      // The facts first, then entry 1 of the history (a crash between them leaves a breach that
      // reads as suspected: the default of a breach without history).
      await breaches.insert(breach);
      await history.append({ breachId: breach.id, seq: 1, status: request.status, at: now, by: staffId, note: request.note });
      await audit.record({
        action: 'breach.reported',
        actor: staff(staffId),
        target: { type: 'breach', id: breach.id },
        details: { status: request.status, dataClasses: breach.dataClasses.join(','), awareAt: breach.awareAt.toISOString() },
        key: `breach:${breach.id}:1`,
      });
      return view(breach);
    },

    get: async (staffId: string, id: string): Promise<BreachView> => {
      const shown = await view(await find(id));
      await audit.record({ action: 'breach.viewed', actor: staff(staffId), target: { type: 'breach', id }, details: { part: 'facts' } });
      return shown;
    },

    list: async (staffId: string, before: { reportedAt: Date; id: string } | null, limit: number) => {
      const found = await breaches.list(before, limit);
      await audit.record({ action: 'breach.listed', actor: staff(staffId), details: { limit, count: found.length } });
      const latest = await history.latestOf(found.map((b) => b.id));
      const now = clock.now();
      return found.map((breach) => {
        const newest = latest.get(breach.id);
        return {
          ...breach,
          status: newest?.status ?? 'suspected',
          deadline: deadlineOf(breach, newest ? [newest] : [], now),
        };
      });
    },

    /**
     * Appends the status change. Two DPOs racing: one insert wins, the other reads the new status
     * and is refused when the move is no longer allowed from it.
     */
    changeStatus: async (staffId: string, id: string, to: BreachStatus, note: string | null): Promise<BreachView> => {
      const breach = await find(id);
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        const entries = await history.entries(id);
        const latest = entries.at(-1);
        const from = latest?.status ?? 'suspected';
        const allowed = breachTransitions[from];
        if (!allowed.includes(to)) throw breachErrors.transition(from, to, allowed);
        if (to === 'closed' && !note) throw breachErrors.noteRequired('closing');
        const now = clock.now();
        if (to === 'authority_notified' && !note && deadlineOf(breach, entries, now).overdue)
          throw breachErrors.noteRequired('late_notice');
        const entry: BreachStatusEntry = { breachId: id, seq: (latest?.seq ?? 0) + 1, status: to, at: now, by: staffId, note };
        if (await history.append(entry)) {
          await audit.record({
            action: 'breach.status_changed',
            actor: staff(staffId),
            target: { type: 'breach', id },
            details: { from, to, seq: entry.seq },
            key: `breach:${id}:${entry.seq}`,
          });
          return view(breach);
        }
      }
      throw breachErrors.busy();
    },
  };
};

export type BreachRegister = ReturnType<typeof createBreachRegister>;
