import type { Plan } from '../workspaces/index.ts';
import type { BillingStatus, SubscriptionSnapshot } from './billing-account.ts';

/** After a failed payment the plan stays this long (PRODUCT.md / issue 5: 7-day grace), then free. */
export const gracePeriodMs = 7 * 24 * 60 * 60 * 1000;

/** Stripe statuses under which the subscribed plan is in force. */
const paidStatuses = new Set(['active', 'trialing']);
/** Stripe statuses of a failed payment: the plan holds until the grace ends. */
const dunningStatuses = new Set(['past_due', 'unpaid']);

/** Orders snapshots as the state in force does: by `observedAt`, then event id (negative: `a` is older). */
export const compareSnapshots = (a: SubscriptionSnapshot, b: SubscriptionSnapshot): number =>
  a.observedAt.getTime() - b.observedAt.getTime() || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** The snapshot in force among any number of them, whatever order they arrived in; null for none. */
export const latestSnapshot = (snapshots: readonly SubscriptionSnapshot[]): SubscriptionSnapshot | null =>
  snapshots.reduce<SubscriptionSnapshot | null>((latest, s) => (latest === null || compareSnapshots(s, latest) > 0 ? s : latest), null);

/** Whether a snapshot is a failed payment still inside its grace at `now`. */
export const isInGrace = (snapshot: SubscriptionSnapshot, now: Date): boolean =>
  dunningStatuses.has(snapshot.stripeStatus) && snapshot.graceEndsAt !== null && now < snapshot.graceEndsAt;

/** Whether a snapshot is a failed payment whose grace has ended at `now` (the grace cron's work). */
export const isPastGrace = (snapshot: SubscriptionSnapshot, now: Date): boolean =>
  dunningStatuses.has(snapshot.stripeStatus) && !isInGrace(snapshot, now);

/** The plan a subscription state gives at `now`: its plan while paid or in grace, else free. */
export const planInForce = (snapshot: SubscriptionSnapshot, now: Date): Plan =>
  paidStatuses.has(snapshot.stripeStatus) || isInGrace(snapshot, now) ? snapshot.plan : 'free';

/**
 * The status `GET …/billing` shows. Without a subscription: `trialing` while the workspace's own
 * (card-less) trial runs, else `free`. With one: Stripe's status, `past_due` only during the grace
 * (after it the plan is free), `canceled` once Stripe ended it.
 */
export const billingStatusOf = (snapshot: SubscriptionSnapshot | null, trialEndsAt: Date | null, now: Date): BillingStatus => {
  if (snapshot === null) return trialEndsAt !== null && now < trialEndsAt ? 'trialing' : 'free';
  if (snapshot.stripeStatus === 'active' || snapshot.stripeStatus === 'trialing') return snapshot.stripeStatus;
  if (isInGrace(snapshot, now)) return 'past_due';
  return snapshot.stripeStatus === 'canceled' ? 'canceled' : 'free';
};
