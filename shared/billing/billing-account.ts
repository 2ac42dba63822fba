import type { Plan } from '../workspaces/index.ts';

/** A workspace's Stripe customer, created on first need (checkout or portal). */
export interface BillingAccount {
  workspaceId: string;
  customerId: string;
  createdAt: Date;
}

export interface BillingAccounts {
  find: (workspaceId: string) => Promise<BillingAccount | null>;
  findByCustomer: (customerId: string) => Promise<BillingAccount | null>;
  /** Stores the account unless the workspace has one; resolves the stored one (the first writer wins). */
  insert: (account: BillingAccount) => Promise<BillingAccount>;
}

/** What a workspace's billing says: `free` when it has no subscription in force. */
export const billingStatuses = ['trialing', 'active', 'past_due', 'canceled', 'free'] as const;
export type BillingStatus = (typeof billingStatuses)[number];

/**
 * The subscription as one Stripe event showed it. Append-only: the state in force is the snapshot
 * with the latest `observedAt` (the Stripe event's `created`, then its id), whatever order events
 * arrive in; nothing is read-modify-written.
 */
export interface SubscriptionSnapshot {
  workspaceId: string;
  subscriptionId: string;
  /** Stripe's own status (`active`, `trialing`, `past_due`, `canceled`, `unpaid`, `incomplete`…). */
  stripeStatus: string;
  plan: Plan;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  /** Set when a payment failed: the plan stays until then (7-day grace), then free. */
  graceEndsAt: Date | null;
  observedAt: Date;
  eventId: string;
}

export interface SubscriptionSnapshots {
  /** Stores a snapshot; false when that event's snapshot is already stored (idempotent). */
  insert: (snapshot: SubscriptionSnapshot) => Promise<boolean>;
  /** The snapshot in force (latest `observedAt`, then event id), or null. */
  current: (workspaceId: string) => Promise<SubscriptionSnapshot | null>;
}
