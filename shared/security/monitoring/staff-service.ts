import type { AuditLog } from '../../audit/index.ts';
import { DomainError } from '../../kernel/index.ts';
import { incidentView, nextState, type IncidentUpdate } from './incident-state.ts';
import type { AlertFilter, AlertStore, IncidentStore } from './ports.ts';
import type { IncidentStatus, IncidentView } from './records.ts';

export interface StaffMonitoringPorts {
  alerts: AlertStore;
  incidents: IncidentStore;
  audit: AuditLog;
  /** Whether a user holds a platform role (an incident is assigned to staff only). */
  isStaff: (userId: string) => Promise<boolean>;
  clock: { now: () => Date };
}

/** Who acts: the staff account (`platform(jwt, …)` admitted it). */
export interface StaffCaller {
  userId: string;
}

const incidentNotFound = () => new DomainError('not_found', 'INCIDENT_NOT_FOUND', { detail: 'No such incident.' });

/** How many incidents a status-filtered list looks through per page (statuses live in the history). */
const scanLimit = 500;

/** What staff do with alerts and incidents; every read and change is audited as the staff account. */
export const createStaffMonitoringService = (ports: StaffMonitoringPorts) => {
  const { alerts, incidents, audit, clock } = ports;
  const actor = (staff: StaffCaller) => ({ type: 'staff' as const, id: staff.userId, userId: staff.userId });

  const view = async (incidentId: string): Promise<IncidentView> => {
    const incident = await incidents.find(incidentId);
    if (!incident) throw incidentNotFound();
    return incidentView(incident, (await incidents.latestChanges([incident.id])).get(incident.id));
  };

  return {
    listAlerts: async (staff: StaffCaller, filter: AlertFilter, before: { at: Date; id: string } | null, limit: number) => {
      const found = await alerts.list(filter, before, limit);
      await audit.record({
        action: 'security.alerts_listed',
        actor: actor(staff),
        details: {
          rule: filter.rule ?? null,
          severity: filter.severity ?? null,
          incident: filter.incidentId ?? null,
          from: filter.from?.toISOString() ?? null,
          to: filter.to?.toISOString() ?? null,
        },
      });
      return found;
    },

    /** Newest first; with a status, only the incidents in it (looked for among the next `scanLimit`). */
    listIncidents: async (
      staff: StaffCaller,
      status: IncidentStatus | undefined,
      before: { at: Date; id: string } | null,
      limit: number,
    ) => {
      const batch = await incidents.list(before, status ? scanLimit : limit);
      const latest = await incidents.latestChanges(batch.map((i) => i.id));
      const views = batch.map((i) => incidentView(i, latest.get(i.id))).filter((v) => !status || v.status === status);
      await audit.record({ action: 'security.incidents_listed', actor: actor(staff), details: { status: status ?? null } });
      return views.slice(0, limit);
    },

    /** An incident with its alerts and its history. */
    getIncident: async (staff: StaffCaller, incidentId: string) => {
      const incident = await view(incidentId);
      const [incidentAlerts, history] = await Promise.all([alerts.list({ incidentId }, null, 200), incidents.history(incidentId)]);
      await audit.record({ action: 'security.incident_viewed', actor: actor(staff), target: { type: 'incident', id: incidentId } });
      return { incident, alerts: incidentAlerts, history };
    },

    /**
     * Acknowledges, assigns, closes or reopens an incident at the version the caller saw
     * (`expectedVersion`, from If-Match): PRECONDITION_FAILED (412) when it moved since, or when a
     * concurrent change took the next number first. The change is one insert into the history.
     */
    updateIncident: async (
      staff: StaffCaller,
      incidentId: string,
      expectedVersion: number,
      update: IncidentUpdate,
    ): Promise<IncidentView> => {
      const current = await view(incidentId);
      const stale = () =>
        new DomainError('precondition', 'PRECONDITION_FAILED', {
          detail: 'The incident changed since you read it; read it again.',
          extensions: { version: current.version },
        });
      if (current.version !== expectedVersion) throw stale();
      const next = nextState(current, update);
      if (update.assignee && !(await ports.isStaff(update.assignee))) {
        throw new DomainError('unprocessable', 'INCIDENT_ASSIGNEE_INVALID', { detail: 'An incident is assigned to a staff account only.' });
      }
      const change = {
        incidentId,
        seq: current.version + 1,
        ...next,
        note: update.note ?? null,
        actor: { type: 'staff' as const, id: staff.userId },
        at: clock.now(),
      };
      if (!(await incidents.append(change))) throw stale();
      await audit.record({
        action: 'security.incident_updated',
        actor: actor(staff),
        target: { type: 'incident', id: incidentId },
        key: `incident:${incidentId}:${change.seq}`,
        details: { from: current.status, to: next.status, assignee: next.assignee, version: change.seq },
      });
      return { ...current, status: next.status, assignee: next.assignee, version: change.seq, updatedAt: change.at };
    },
  };
};

export type StaffMonitoringService = ReturnType<typeof createStaffMonitoringService>;
