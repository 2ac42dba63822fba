import { z } from 'zod';
import { DomainError } from '../kernel/index.ts';
import { requestDeadlineDays } from './export.ts';
import { restrictionChangeSchema } from './restriction.ts';

/** The data-subject requests the DPO follows (rectification is immediate and recorded with the account). */
export const requestKinds = ['export', 'erasure', 'restriction'] as const;
export type RequestKind = (typeof requestKinds)[number];

/**
 * `open`: being handled (an export not built yet); `scheduled`: an erasure waiting out its grace;
 * `due`: an erasure whose date has come (the erasure run carries it out); `completed`, `failed`,
 * `cancelled` (by the person, during the grace).
 */
export const requestStates = ['open', 'scheduled', 'due', 'completed', 'failed', 'cancelled'] as const;
export type RequestState = (typeof requestStates)[number];

export interface PrivacyRequest {
  /** `<kind>:<id of the record>`: `export:pex_…`, `erasure:usr_…:<n>`, `restriction:usr_…:<n>`. */
  id: string;
  kind: RequestKind;
  userId: string;
  receivedAt: Date;
  /** One month to answer (GDPR Art. 12(3)); counted as 30 days. */
  deadline: Date;
  state: RequestState;
  completedAt: Date | null;
  /** How it came in: the app, or by post or e-mail to the DPO. */
  channel: 'app' | 'post' | 'email';
  /** Non-personal facts: the purpose restricted, the erasure date, the export's expiry… */
  details: Record<string, string | number | boolean | null>;
}

export const deadlineOf = (receivedAt: Date) => new Date(receivedAt.getTime() + requestDeadlineDays * 86_400_000);

/** Reads the requests from the stores that hold them (exports, erasure entries, restriction entries). */
export interface RequestDirectory {
  /** Newest first, received at or before the cursor (ties broken by id), at most `limit` of each kind asked. */
  list: (kinds: readonly RequestKind[], before: { at: Date; id: string } | null, limit: number, now: Date) => Promise<PrivacyRequest[]>;
  find: (id: string, now: Date) => Promise<PrivacyRequest | null>;
  /** The person's newest request of that kind, or null. */
  latest: (kind: RequestKind, userId: string, now: Date) => Promise<PrivacyRequest | null>;
}

/** A request received by post or e-mail, entered by the DPO for the person. */
export const onBehalfSchema = z
  .object({
    kind: z.enum(requestKinds),
    userId: z
      .string()
      .regex(/^usr_[0-9a-z]{20}$/, 'must be a user id')
      .optional(),
    email: z.string().trim().toLowerCase().email().max(320).optional(),
    channel: z.enum(['post', 'email']),
    /** The DPO's own reference (a letter or ticket number); no personal data. */
    reference: z.string().trim().min(1).max(100).nullable().default(null),
    restriction: restrictionChangeSchema.optional(),
  })
  .strict()
  .refine((body) => (body.userId === undefined) !== (body.email === undefined), {
    message: 'give the userId or the email, not both',
    path: ['userId'],
  })
  .refine((body) => (body.kind === 'restriction') === (body.restriction !== undefined), {
    message: 'a restriction request carries `restriction`, the others do not',
    path: ['restriction'],
  });
export type OnBehalf = z.output<typeof onBehalfSchema>;

export const requestErrors = {
  notFound: () => new DomainError('not_found', 'PRIVACY_REQUEST_NOT_FOUND', { detail: 'No such privacy request.' }),
  subjectNotFound: () => new DomainError('not_found', 'PRIVACY_SUBJECT_NOT_FOUND', { detail: 'No account has that id or e-mail address.' }),
};
