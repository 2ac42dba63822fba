import type { Traced } from '../../kernel/index.ts';
import type { StoredSignal, Subject } from '../detection/index.ts';
import type { Alert, Incident, IncidentChange, IncidentStatus, IncidentView, SecurityAlertData } from './records.ts';

/** `security_signals`: what each observation contributed to each rule, for the sliding windows. */
export interface SignalStore {
  /** Idempotent on `id` (`<event id>:<rule>`): a redelivered event adds nothing. */
  add: (signal: StoredSignal & { id: string; rule: string }) => Promise<void>;
  /** The rule's signals of one subject from `from` to `to` (inclusive), newest first, at most `limit`. */
  within: (rule: string, subject: Subject, from: Date, to: Date, limit: number) => Promise<StoredSignal[]>;
}

export interface AlertFilter {
  rule?: string;
  severity?: Alert['severity'];
  incidentId?: string;
  from?: Date;
  to?: Date;
}

/** `security_alerts`: unique on `slotKey`. */
export interface AlertStore {
  /** Inserts the alert, or returns the one stored first under its slot key (`isNew` false). */
  raise: (alert: Alert) => Promise<{ alert: Alert; isNew: boolean }>;
  /** The alert of a slot, or null. */
  findBySlot: (slotKey: string) => Promise<Alert | null>;
  markPublished: (id: string, at: Date) => Promise<void>;
  markMailed: (id: string, at: Date) => Promise<void>;
  /** Marks the alert's delivery (publish and mail) done: the outbox flag. */
  markDelivered: (id: string) => Promise<void>;
  /** Alerts raised before `before` whose delivery is not done, oldest first, at most `limit`. */
  undelivered: (before: Date, limit: number) => Promise<Traced<Alert>[]>;
  /** Newest first, before the cursor, at most `limit`. */
  list: (filter: AlertFilter, before: { at: Date; id: string } | null, limit: number) => Promise<Alert[]>;
}

/** `security_incidents` (unique on `groupKey`) and their insert-only history `security_incident_changes`. */
export interface IncidentStore {
  /** Inserts the incident, or returns the one stored first under its group key. */
  open: (incident: Incident) => Promise<Incident>;
  find: (id: string) => Promise<Incident | null>;
  /** Newest first, before the cursor, at most `limit`. */
  list: (before: { at: Date; id: string } | null, limit: number) => Promise<Incident[]>;
  /** The latest change of each incident (absent: none yet). */
  latestChanges: (incidentIds: readonly string[]) => Promise<Map<string, IncidentChange>>;
  history: (incidentId: string) => Promise<IncidentChange[]>;
  /** Appends a change; false when its number is taken (someone changed the incident first). */
  append: (change: IncidentChange) => Promise<boolean>;
}

export interface AlertPublisher {
  /** Publishes `com.uxflow.security.alert.v1` (id: the alert id). Throws when the broker refuses. */
  /** `traceparent`: the one an outbox record kept (absent: the current trace's). */
  publish: (data: SecurityAlertData, traceparent?: string) => Promise<void>;
}

export interface AlertMail {
  to: string;
  subject: string;
  text: string;
}

export interface AlertMailer {
  /** Throws when the mail cannot be handed over (the consumer is retried). */
  send: (mail: AlertMail) => Promise<void>;
}

export type { IncidentStatus, IncidentView };
