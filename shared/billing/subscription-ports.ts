import type { Plan } from '../workspaces/index.ts';

/** The plan fields of a workspace document, which the rate limiter and quota checks read. */
export interface WorkspacePlanState {
  plan: Plan;
  /** The card-less trial's end; null when not on one. */
  trialEndsAt: Date | null;
}

/**
 * The workspace document's `plan`/`trialEndsAt`, kept in step with the subscription state in
 * force. A derived copy: always recomputed from the snapshots, never the only record.
 */
export interface WorkspacePlans {
  /** Null when the workspace does not exist (or was deleted). */
  find: (workspaceId: string) => Promise<WorkspacePlanState | null>;
  /** Overwrites the derived fields. Idempotent. */
  set: (workspaceId: string, state: WorkspacePlanState) => Promise<void>;
  /** Ids of workspaces whose card-less trial ends after `after` (a running trial when `after` is now or later), at most `limit`. */
  trialsEndingAfter: (after: Date, limit: number) => Promise<string[]>;
  /** Ids of workspaces whose trial ended by `now` (a `trialEndsAt` at or before it), at most `limit`. */
  trialsEndedBy: (now: Date, limit: number) => Promise<string[]>;
}

/** Ids of workspaces with a stored failed-payment snapshot whose grace ended by `now`, at most `limit`. */
export interface GraceCandidates {
  pastGrace: (now: Date, limit: number) => Promise<string[]>;
}

/** A pack bought through Checkout: which payment paid for which pack, so that a refund finds it. */
export interface PackPurchase {
  /** The PaymentIntent id (a refunded charge names it). */
  paymentId: string;
  workspaceId: string;
  /** The ledger's pack id: the Checkout Session id. */
  packId: string;
  credits: number;
  purchasedAt: Date;
}

export interface PackPurchases {
  /** Records a purchase; a repeat (same payment) keeps the first. */
  insert: (purchase: PackPurchase) => Promise<void>;
  /** The purchase paid by that PaymentIntent, or null. */
  findByPayment: (paymentId: string) => Promise<PackPurchase | null>;
}
