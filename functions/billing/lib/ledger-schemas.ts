import { z } from '@hono/zod-openapi';
import { entryTypes, type LedgerEntry } from '../../../shared/billing/index.ts';
import { usageGroupings } from '../../../shared/billing/usage-report.ts';

const balancesSchema = z
  .object({
    plan: z.number().int(),
    packs: z.array(z.object({ packId: z.string(), remaining: z.number().int(), expiresAt: z.string() })),
    total: z.number().int(),
  })
  .openapi('CreditBalances');

export const ledgerEntrySchema = z
  .object({
    seq: z.number().int(),
    type: z.enum(entryTypes),
    amount: z.number().int().openapi({ description: 'The change to the total (negative for reserve, expire, refund; 0 for commit)' }),
    balancesAfter: balancesSchema,
    operation: z.string().nullable(),
    reservationId: z.string().nullable(),
    actor: z.string().openapi({ description: 'A user id, `apikey:<id>`, `stripe:<event id>` or `cron:<job>`' }),
    at: z.string(),
    note: z.string().nullable(),
  })
  .openapi('CreditLedgerEntry');

export const toLedgerEntryBody = (entry: LedgerEntry): z.infer<typeof ledgerEntrySchema> => ({
  seq: entry.seq,
  type: entry.type,
  amount: entry.amount,
  balancesAfter: {
    plan: entry.balances.plan,
    packs: entry.balances.packs.map((pack) => ({
      packId: pack.packId,
      remaining: pack.remaining,
      expiresAt: pack.expiresAt.toISOString(),
    })),
    total: entry.balances.total,
  },
  operation: entry.operation,
  reservationId: entry.reservationId,
  actor: entry.actor,
  at: entry.at.toISOString(),
  note: entry.note,
});

const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

export const usageQuerySchema = z.object({
  from: daySchema.optional().openapi({ description: 'First UTC day (default: 29 days before `to`)' }),
  to: daySchema.optional().openapi({ description: 'Last UTC day, included (default: today); at most 366 days in all' }),
  groupBy: z.enum(usageGroupings).default('operation'),
});

export const usageReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(usageGroupings),
    credits: z.number().int(),
    count: z.number().int().openapi({ description: 'Committed reservations' }),
    groups: z.array(z.object({ key: z.string(), credits: z.number().int(), count: z.number().int() })),
    days: z.object({ rolledUp: z.number().int(), live: z.number().int() }),
  })
  .openapi('CreditUsage');
