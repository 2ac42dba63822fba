import { z } from 'zod';
import { idSchema } from '../../kernel/index.ts';
import { ruleNames, severities, subjectKinds, type Severity, type Subject } from '../detection/index.ts';

/** A stored alert: one per rule, subject and window slot. */
export interface Alert {
  id: string;
  rule: string;
  title: string;
  severity: Severity;
  subject: Subject;
  /** The figure that reached the threshold, and the threshold. */
  value: number;
  threshold: number;
  windowStart: Date;
  windowEnd: Date;
  /** `<rule>|<kind>|<subject>|<slot>`: unique, the arbiter between concurrent consumers. */
  slotKey: string;
  /** The event that pushed the window over the threshold. */
  eventId: string;
  incidentId: string;
  raisedAt: Date;
  publishedAt: Date | null;
  mailedAt: Date | null;
}

export const incidentStatuses = ['open', 'acknowledged', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** Who changed an incident: a staff account, or the system (a new alert reopening it). */
export interface IncidentActor {
  type: 'staff' | 'system';
  id: string | null;
}

/** One entry of an incident's insert-only history; `(incidentId, seq)` is unique. */
export interface IncidentChange {
  incidentId: string;
  seq: number;
  status: IncidentStatus;
  assignee: string | null;
  note: string | null;
  actor: IncidentActor;
  at: Date;
}

/** Alerts of one rule and subject within one grouping period. */
export interface Incident {
  id: string;
  /** `<rule>|<kind>|<subject>|<period slot>`: unique. */
  groupKey: string;
  rule: string;
  title: string;
  severity: Severity;
  subject: Subject;
  openedAt: Date;
}

/** An incident with its current state (its latest change; `open`, version 0 without any). */
export interface IncidentView extends Incident {
  status: IncidentStatus;
  assignee: string | null;
  /** The number of its latest change: the ETag a change must name. */
  version: number;
  updatedAt: Date;
}

/** The data of `com.uxflow.security.alert.v1`. */
export const securityAlertDataSchema = z
  .object({
    id: idSchema('sal'),
    rule: z.enum(ruleNames),
    title: z.string().max(200),
    severity: z.enum(severities),
    subject: z.object({ kind: z.enum(subjectKinds), id: z.string().min(1).max(100) }).strict(),
    value: z.number().int().min(0),
    threshold: z.number().int().min(1),
    windowStart: z.iso.datetime({ offset: true }),
    windowEnd: z.iso.datetime({ offset: true }),
    raisedAt: z.iso.datetime({ offset: true }),
    incidentId: idSchema('inc'),
    eventId: z.string().min(1).max(200),
  })
  .strict();
export type SecurityAlertData = z.infer<typeof securityAlertDataSchema>;

export const alertData = (alert: Alert): SecurityAlertData => ({
  id: alert.id,
  rule: alert.rule as SecurityAlertData['rule'],
  title: alert.title,
  severity: alert.severity,
  subject: alert.subject,
  value: alert.value,
  threshold: alert.threshold,
  windowStart: alert.windowStart.toISOString(),
  windowEnd: alert.windowEnd.toISOString(),
  raisedAt: alert.raisedAt.toISOString(),
  incidentId: alert.incidentId,
  eventId: alert.eventId,
});
