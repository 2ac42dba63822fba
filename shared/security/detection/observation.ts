import type { SecurityEventData, SecurityEventType } from '../security-event.ts';

/** What the detection rules look at: a security event, or a fact from another domain's event. */
export type ObservationKind = SecurityEventType | 'flow_deleted';

export interface Observation {
  /** The id of the event it came from: a redelivered event is one observation. */
  id: string;
  kind: ObservationKind;
  at: Date;
  userId?: string | undefined;
  ip?: string | undefined;
  workspaceId?: string | undefined;
  details: Readonly<Record<string, string | number>>;
  /** How many identical occurrences it stands for (aggregated refusals carry more than 1). */
  count: number;
}

/** A security event as an observation. */
export const observationOfSecurityEvent = (event: SecurityEventData): Observation => ({
  id: event.id,
  kind: event.type,
  at: new Date(event.at),
  userId: event.userId,
  ip: event.ip,
  workspaceId: event.workspaceId,
  details: event.details ?? {},
  count: event.count ?? 1,
});

/** A sign-in with its country (`details.country`) when its address has one; other observations as they are. */
export const withCountry = (o: Observation, countryOf: (ip: string) => string | null): Observation => {
  if (o.kind !== 'signed_in' || !o.ip) return o;
  const country = countryOf(o.ip);
  return country ? { ...o, details: { ...o.details, country } } : o;
};

/** A deleted flow (`com.uxflow.flow.deleted.v1`) as an observation of its author. */
export const observationOfFlowDeletion = (event: {
  id: string;
  flowId: string;
  workspaceId: string;
  actorId: string;
  at: string;
}): Observation => ({
  id: event.id,
  kind: 'flow_deleted',
  at: new Date(event.at),
  userId: event.actorId,
  workspaceId: event.workspaceId,
  details: { flowId: event.flowId },
  count: 1,
});
