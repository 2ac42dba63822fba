import { z } from '@hono/zod-openapi';
import { billingStatuses } from '../../../shared/billing/billing-account.ts';
import type { BillingSummary } from '../../../shared/billing/subscription-billing.ts';
import { plans } from '../../../shared/workspaces/index.ts';

const limitSchema = z.number().int().nullable().openapi({ description: 'null = unlimited' });

/** The body of `GET /v1/workspaces/{workspaceId}/billing`. */
export const billingSummarySchema = z
  .object({
    plan: z.enum(plans),
    status: z.enum(billingStatuses),
    trialEndsAt: z.string().nullable(),
    currentPeriodEnd: z.string().nullable(),
    cancelAtPeriodEnd: z.boolean(),
    graceEndsAt: z.string().nullable().openapi({ description: 'While past_due: when the plan drops to free' }),
    credits: z.object({ plan: z.number().int(), packs: z.number().int(), total: z.number().int() }),
    limits: z.object({
      seats: limitSchema,
      workspaces: limitSchema,
      flows: limitSchema,
      creditsPerMonth: z.number().int(),
      apiRequestsPerMinute: z.number().int(),
      aiOpsPerMinute: z.number().int(),
      nodesPerFlow: z.number().int(),
      versionsKept: limitSchema,
    }),
  })
  .openapi('WorkspaceBilling');

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const toBillingBody = (summary: BillingSummary): z.infer<typeof billingSummarySchema> => ({
  ...summary,
  trialEndsAt: iso(summary.trialEndsAt),
  currentPeriodEnd: iso(summary.currentPeriodEnd),
  graceEndsAt: iso(summary.graceEndsAt),
  limits: { ...summary.limits },
});
