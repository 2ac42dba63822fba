import { z } from '@hono/zod-openapi';
import {
  breachStatuses,
  deadlineAlertHours,
  type BlastRadius,
  type BreachView,
  type NoticeDraft,
  type TimeWindow,
} from '../../../shared/breach/index.ts';
import { idSchema } from '../../../shared/kernel/index.ts';
import { dataClasses } from '../../../shared/platform/privacy/data-map.ts';

const iso = z.iso.datetime({ offset: true });
const toIso = (date: Date) => date.toISOString();

export const breachParams = z.object({ breachId: idSchema('brc') });

export const windowSchema = z.object({ from: iso, to: iso }).openapi('BreachWindow', { description: 'A time range, `to` exclusive' });
export const toWindow = (window: { from: string; to: string }): TimeWindow => ({ from: new Date(window.from), to: new Date(window.to) });

const functionName = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be a function name such as flows-get');
const storeName = z.string().regex(/^((mongodb|redis|chroma) )?[A-Za-z0-9_:<>.-]{1,80}$/, 'must be a store of the data map, e.g. users');
export const scopeFields = {
  functions: z.array(functionName).max(200).openapi({ description: 'Functions involved (`<domain>-<name>`)' }),
  stores: z.array(storeName).max(100).openapi({ description: 'Stores involved: `users` or `mongodb users`' }),
};

const windowBody = z.object({ from: z.string(), to: z.string() });
const entrySchema = z.object({
  seq: z.number().int(),
  status: z.enum(breachStatuses),
  at: z.string(),
  by: z.string(),
  note: z.string().nullable(),
});
const alertSchema = z.object({
  threshold: z.enum(deadlineAlertHours.map((h) => `${h}h` as const) as ['48h', '68h']),
  raisedAt: z.string(),
  mailedAt: z.string().nullable(),
});
const deadlineSchema = z.object({
  authorityDeadline: z.string().openapi({ description: 'Awareness + 72 hours (Art. 33(1))' }),
  authorityNotifiedAt: z.string().nullable(),
  overdue: z.boolean(),
  hoursLeft: z.number().nullable().openapi({ description: 'Negative when overdue; null once notified or closed' }),
});

const breachSummaryShape = {
  id: z.string(),
  status: z.enum(breachStatuses),
  awareAt: z.string(),
  reportedAt: z.string(),
  reportedBy: z.string(),
  description: z.string(),
  dataClasses: z.array(z.string()),
  functions: z.array(z.string()),
  stores: z.array(z.string()),
  window: windowBody.nullable(),
  deadline: deadlineSchema,
};
export const breachSummarySchema = z.object(breachSummaryShape).openapi('BreachSummary');
export const breachSchema = z
  .object({ ...breachSummaryShape, history: z.array(entrySchema), alerts: z.array(alertSchema) })
  .openapi('Breach');

type Summary = Omit<BreachView, 'history' | 'alerts'>;
export const toSummaryBody = (b: Summary): z.output<typeof breachSummarySchema> => ({
  id: b.id,
  status: b.status,
  awareAt: toIso(b.awareAt),
  reportedAt: toIso(b.reportedAt),
  reportedBy: b.reportedBy,
  description: b.description,
  dataClasses: b.dataClasses,
  functions: b.functions,
  stores: b.stores,
  window: b.window ? { from: toIso(b.window.from), to: toIso(b.window.to) } : null,
  deadline: {
    authorityDeadline: toIso(b.deadline.authorityDeadline),
    authorityNotifiedAt: b.deadline.authorityNotifiedAt ? toIso(b.deadline.authorityNotifiedAt) : null,
    overdue: b.deadline.overdue,
    hoursLeft: b.deadline.hoursLeft,
  },
});
export const toBreachBody = (b: BreachView): z.output<typeof breachSchema> => ({
  ...toSummaryBody(b),
  history: b.history.map(({ seq, status, at, by, note }) => ({ seq, status, at: toIso(at), by, note })),
  alerts: b.alerts.map(({ threshold, raisedAt, mailedAt }) => ({
    threshold,
    raisedAt: toIso(raisedAt),
    mailedAt: mailedAt ? toIso(mailedAt) : null,
  })),
});

export const dataClassesSchema = z.array(z.enum(dataClasses)).min(1).max(dataClasses.length);

export const blastRadiusSchema = z
  .object({
    seq: z.number().int().openapi({ description: 'The assessment number of this breach (each one is kept)' }),
    scope: z.object({ functions: z.array(z.string()), stores: z.array(z.string()), window: windowBody }),
    functions: z.array(z.string()).openapi({ description: 'Named, and reaching a named store' }),
    storeFunctions: z.record(z.string(), z.array(z.string())),
    personalData: z.array(z.string()),
    dataClasses: z.array(z.string()),
    users: z.array(
      z.object({
        userId: z.string(),
        workspaceIds: z.array(z.string()),
        functions: z.array(z.string()),
        keyIds: z.array(z.string()),
        firstAt: z.string(),
      }),
    ),
    workspaces: z.array(z.object({ workspaceId: z.string(), users: z.number().int() })),
    counts: z.object({ users: z.number().int(), workspaces: z.number().int() }),
    truncated: z.boolean(),
    computedAt: z.string(),
  })
  .openapi('BreachBlastRadius');

export const toRadiusBody = (seq: number, r: BlastRadius): z.output<typeof blastRadiusSchema> => ({
  seq,
  scope: {
    functions: r.scope.functions,
    stores: r.scope.stores,
    window: { from: toIso(r.scope.window.from), to: toIso(r.scope.window.to) },
  },
  functions: r.functions,
  storeFunctions: r.storeFunctions,
  personalData: r.personalData,
  dataClasses: r.dataClasses,
  users: r.users.map((u) => ({ ...u, firstAt: toIso(u.firstAt) })),
  workspaces: r.workspaces,
  counts: { users: r.users.length, workspaces: r.workspaces.length },
  truncated: r.truncated,
  computedAt: toIso(r.computedAt),
});

export const noticeSchema = z
  .object({
    breachId: z.string(),
    audience: z.enum(['authority', 'subjects']),
    version: z.number().int(),
    source: z.enum(['generated', 'edited']),
    assessmentSeq: z.number().int().nullable(),
    sections: z.record(z.string(), z.string()),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('BreachNotice');
export const toNoticeBody = (n: NoticeDraft): z.output<typeof noticeSchema> => ({ ...n, createdAt: toIso(n.createdAt) });
