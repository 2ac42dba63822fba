import type { Plan } from '../workspaces/index.ts';
import type { BillingStatus, SubscriptionSnapshot } from './billing-account.ts';

/** After a failed payment the plan stays this long (docs/billing.md: 7-day grace), then free. */
export const gracePeriodMs = 7 * 24 * 60 * 60 * 1000;

/** Stripe statuses under which the subscribed plan is in force. */
const paidStatuses = new Set(['active', 'trialing']);
/** Stripe statuses of a failed payment: the plan holds until the grace ends. */
const dunningStatuses = new Set(['past_due', 'unpaid']);

/**
 * Where a status stands in a subscription's life: Stripe moves a subscription forward along it
 * (incomplete → trialing → active → past_due → unpaid → ended) and, within one second, never back.
 * Unknown statuses rank with `incomplete` (they give no plan either).
 */
const lifecycle: Record<string, number> = {
  incomplete: 0,
  trialing: 1,
  active: 2,
  past_due: 3,
  unpaid: 4,
  paused: 4,
  incomplete_expired: 5,
  canceled: 5,
};
const rankOf = (status: string) => lifecycle[status] ?? 0;

/**
 * Orders snapshots as the state in force does (negative: `a` is older): by `observedAt` (the event's
 * `created`, whole seconds); within one second, by the lifecycle (`customer.subscription.created`
 * with `incomplete` and `.updated` with `active` often share a second, and Stripe's event ids are
 * not ordered); then by event id, so that the choice never depends on the order events arrived in.
 */
export const compareSnapshots = (a: SubscriptionSnapshot, b: SubscriptionSnapshot): number =>
  a.observedAt.getTime() - b.observedAt.getTime() ||
  rankOf(a.stripeStatus) - rankOf(b.stripeStatus) ||
  (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

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

/** Stripe statuses after which a subscription never bills again. */
const endedStatuses = new Set(['canceled', 'incomplete_expired']);

/**
 * Whether a subscription state may still bill the customer: not ended and not set to end at the
 * period's end (an `incomplete` one may still be paid, a `past_due` or `unpaid` one retried).
 */
export const isLiveSubscription = (snapshot: SubscriptionSnapshot): boolean =>
  !endedStatuses.has(snapshot.stripeStatus) && !snapshot.cancelAtPeriodEnd;
