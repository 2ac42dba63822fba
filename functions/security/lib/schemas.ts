import { z } from '@hono/zod-openapi';
import {
  incidentStatuses,
  ruleNames,
  severities,
  subjectKinds,
  type Alert,
  type IncidentChange,
  type IncidentView,
} from '../../../shared/security/index.ts';

const subjectSchema = z.object({ kind: z.enum(subjectKinds), id: z.string() });

export const alertSchema = z
  .object({
    id: z.string(),
    rule: z.enum(ruleNames),
    title: z.string(),
    severity: z.enum(severities),
    subject: subjectSchema,
    value: z.number().int().openapi({ description: 'What the rule measured in the window (a count, or distinct accounts)' }),
    threshold: z.number().int(),
    windowStart: z.string(),
    windowEnd: z.string(),
    eventId: z.string().openapi({ description: 'The event that crossed the threshold' }),
    incidentId: z.string(),
    raisedAt: z.string(),
    publishedAt: z.string().nullable(),
    mailedAt: z.string().nullable(),
  })
  .openapi('SecurityAlert');

export const incidentSchema = z
  .object({
    id: z.string(),
    rule: z.enum(ruleNames),
    title: z.string(),
    severity: z.enum(severities),
    subject: subjectSchema,
    status: z.enum(incidentStatuses),
    assignee: z.string().nullable(),
    version: z.number().int().openapi({ description: 'The number of its latest change; the ETag is `"<version>"`' }),
    openedAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('SecurityIncident');

export const incidentChangeSchema = z
  .object({
    seq: z.number().int(),
    status: z.enum(incidentStatuses),
    assignee: z.string().nullable(),
    note: z.string().nullable(),
    actor: z.object({ type: z.enum(['staff', 'system']), id: z.string().nullable() }),
    at: z.string(),
  })
  .openapi('SecurityIncidentChange');

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toAlertBody = (a: Alert): z.infer<typeof alertSchema> => ({
  id: a.id,
  rule: a.rule as z.infer<typeof alertSchema>['rule'],
  title: a.title,
  severity: a.severity,
  subject: a.subject,
  value: a.value,
  threshold: a.threshold,
  windowStart: a.windowStart.toISOString(),
  windowEnd: a.windowEnd.toISOString(),
  eventId: a.eventId,
  incidentId: a.incidentId,
  raisedAt: a.raisedAt.toISOString(),
  publishedAt: iso(a.publishedAt),
  mailedAt: iso(a.mailedAt),
});

export const toIncidentBody = (i: IncidentView): z.infer<typeof incidentSchema> => ({
  id: i.id,
  rule: i.rule as z.infer<typeof incidentSchema>['rule'],
  title: i.title,
  severity: i.severity,
  subject: i.subject,
  status: i.status,
  assignee: i.assignee,
  version: i.version,
  openedAt: i.openedAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

export const toChangeBody = (c: IncidentChange): z.infer<typeof incidentChangeSchema> => ({
  seq: c.seq,
  status: c.status,
  assignee: c.assignee,
  note: c.note,
  actor: c.actor,
  at: c.at.toISOString(),
});

/** An incident's ETag: its version, quoted. */
export const incidentEtag = (version: number) => `"${version}"`;

/** The version an `If-Match` names: null when absent or `*` (428), NaN when it names none (412). */
export const versionFromIfMatch = (header: string | undefined): number | null => {
  const value = header?.trim();
  if (!value || value === '*') return null;
  const found = /^(?:W\/)?"(0|[1-9]\d{0,8})"$/.exec(value)?.[1];
  return found === undefined ? Number.NaN : Number(found);
};
