import { z } from '@hono/zod-openapi';
import { actorTypes, auditActions, outcomes, type AuditActor, type AuditEntry, type StaffEntryView } from '../../../shared/audit/index.ts';
import type { AuthContext } from '../../../shared/platform/http/auth-context.ts';
import { cursorCodec } from '../../../shared/platform/http/paging.ts';

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const auditEntrySchema = z
  .object({
    id: z.string().openapi({ description: '`<chain>:<seq>`' }),
    chain: z.string().openapi({ description: 'The workspace id, or `platform`' }),
    seq: z.number().int(),
    key: z.string(),
    at: z.string(),
    action: z.enum(auditActions),
    actor: z.object({ type: z.enum(actorTypes), id: z.string().nullable(), userId: z.string().nullable() }),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    workspaceId: z.string().nullable(),
    requestId: z.string().nullable(),
    traceId: z.string().nullable(),
    outcome: z.enum(outcomes),
    details: z.record(z.string(), detailValue),
    personalHash: z.string().nullable().openapi({ description: 'SHA-256 over the salted personal values (kept apart, erasable)' }),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEntry');

export const staffAuditEntrySchema = auditEntrySchema
  .extend({
    personal: z
      .object({ ip: z.string(), email: z.string(), name: z.string(), userAgent: z.string() })
      .partial()
      .nullable()
      .openapi({ description: 'The clear personal values; null when none or erased' }),
  })
  .openapi('StaffAuditEntry');

export const toEntryBody = ({ _id, ...entry }: AuditEntry): z.infer<typeof auditEntrySchema> => ({ id: _id, ...entry });
export const toStaffEntryBody = ({ personal, ...entry }: StaffEntryView): z.infer<typeof staffAuditEntrySchema> => ({
  ...toEntryBody(entry),
  personal,
});

const breakSchema = z.object({ chain: z.string(), _id: z.string(), seq: z.number().int().nullable(), reason: z.string() });

export const verifyReportSchema = z
  .object({
    ok: z.boolean(),
    chains: z.number().int(),
    entries: z.number().int(),
    checkpoints: z.number().int(),
    firstBreak: breakSchema.nullable(),
    broken: z.array(
      z.object({
        chain: z.string(),
        entries: z.number().int(),
        head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
        checkpoint: z.object({ seq: z.number().int(), period: z.string(), keyId: z.string() }).nullable(),
        checkpoints: z.number().int(),
        unsigned: z.number().int(),
        firstBreak: breakSchema.nullable(),
      }),
    ),
    keys: z.array(z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() })),
  })
  .openapi('AuditVerifyReport');

/** The staff list's cursor: the last entry's time and id. */
export const staffCursor = cursorCodec(
  z.object({
    at: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }),
    id: z.string().max(200),
  }),
);

/** The workspace list's cursor: the last entry's number (descending lists and the ascending export alike). */
export const seqCursor = cursorCodec(z.object({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }));

/** Staff act as themselves: the audit names the staff account. */
export const staffActor = (auth: AuthContext): AuditActor => ({ type: 'staff', id: auth.userId, userId: auth.userId });

/** A member (or their API key, which the log tells from the request) acting in a workspace. */
export const memberActor = (auth: AuthContext): AuditActor =>
  auth.via === 'apiKey'
    ? { type: 'apiKey', id: auth.sessionId, userId: auth.userId }
    : { type: 'user', id: auth.userId, userId: auth.userId };
