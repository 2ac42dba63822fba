import { DomainError } from '../../kernel/index.ts';
import type { Incident, IncidentChange, IncidentStatus, IncidentView } from './records.ts';

/** An incident with the state its latest change gives it. */
export const incidentView = (incident: Incident, latest: IncidentChange | undefined): IncidentView => ({
  ...incident,
  status: latest?.status ?? 'open',
  assignee: latest?.assignee ?? null,
  version: latest?.seq ?? 0,
  updatedAt: latest?.at ?? incident.openedAt,
});

/** The status workflow: acknowledge or close an open incident, close an acknowledged one, reopen a closed one. */
const allowed: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['acknowledged', 'closed'],
  acknowledged: ['closed'],
  closed: ['open'],
};

export interface IncidentUpdate {
  status?: IncidentStatus | undefined;
  /** A staff user id, or null to unassign. */
  assignee?: string | null | undefined;
  note?: string | undefined;
}

/**
 * The state after an update, or throws INCIDENT_TRANSITION_INVALID (409): a status outside the
 * workflow, or an assignment to a closed incident. Pure.
 */
export const nextState = (current: IncidentView, update: IncidentUpdate): { status: IncidentStatus; assignee: string | null } => {
  const status = update.status ?? current.status;
  if (status !== current.status && !allowed[current.status].includes(status)) {
    throw new DomainError('conflict', 'INCIDENT_TRANSITION_INVALID', {
      detail: `An incident that is ${current.status} cannot become ${status}.`,
      extensions: { currentStatus: current.status, allowed: [...allowed[current.status]] },
    });
  }
  const assignee = update.assignee === undefined ? current.assignee : update.assignee;
  if (status === 'closed' && current.status === 'closed' && assignee !== current.assignee) {
    throw new DomainError('conflict', 'INCIDENT_TRANSITION_INVALID', { detail: 'A closed incident cannot be assigned; reopen it first.' });
  }
  return { status, assignee };
};
