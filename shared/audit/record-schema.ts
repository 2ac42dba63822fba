import { z } from 'zod';
import { auditActions } from './actions.ts';
import { auditActorSchema, auditDetailsSchema, auditTargetSchema, outcomes, personalFieldsSchema } from './entry.ts';

/** A record as callers pass it: checked before it is queued, so a bad one fails its caller, not the cron. */
export const auditRecordSchema = z.object({
  action: z.enum(auditActions),
  actor: auditActorSchema.optional(),
  target: auditTargetSchema.nullable().optional(),
  workspaceId: z.string().min(1).max(100).nullable().optional(),
  outcome: z.enum(outcomes).optional(),
  details: auditDetailsSchema.optional(),
  personal: personalFieldsSchema.optional(),
  subjectId: z.string().min(1).max(100).nullable().optional(),
  key: z.string().min(1).max(256).optional(),
  at: z.date().optional(),
  requestId: z.string().max(128).nullable().optional(),
  traceId: z.string().max(64).nullable().optional(),
});
