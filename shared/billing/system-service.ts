import type { Outbox } from '../kernel/index.ts';
import type { Ledger } from './ledger-service.ts';
import type { SubscriptionSync } from './subscription-sync.ts';
import type { createTrialCredits } from './trial-credits.ts';
import { grantFreeCredits } from './usage-free-credits.ts';
import { sweepExpiredPacks, type PackSweepPorts } from './usage-pack-sweep.ts';
import { addDays, dayOf } from './usage-report.ts';
import type { Usage } from './usage-service.ts';
import type { StripeWebhookEvent } from './webhook-event.ts';
import type { HandlingOutcome } from './webhook-handlers.ts';

/** Port: the workspaces on the free plan. */
export interface FreeWorkspaces {
  /** The ids of the workspaces on the free plan at `now`: no trial running, not deleted. */
  at: (now: Date) => Promise<string[]>;
}

export interface BillingSystemPorts {
  ledger: Ledger;
  usage: Pick<Usage, 'rollUp'>;
  sync: Pick<SubscriptionSync, 'expireTrials' | 'expireGracePeriods'>;
  stripeHandler: { handleStored: (eventId: string) => Promise<HandlingOutcome> };
  trialCredits: Pick<ReturnType<typeof createTrialCredits>, 'grantRunning'>;
  /** `stripe_events`: verified events not yet re-published as CloudEvents. */
  stripeOutbox: Outbox<StripeWebhookEvent>;
  freeWorkspaces: FreeWorkspaces;
  packSweep: PackSweepPorts;
  clock: { now: () => Date };
}

/** Usage is rolled up for yesterday and the day before: a run that failed or was skipped is made good the next day. */
const rollUpDaysBack = [2, 1] as const;

/**
 * What billing's crons and event consumers do, each as one call. `actor` is what ledger entries
 * record as their author (`cron:<job>`).
 */
export const createBillingSystemService = (ports: BillingSystemPorts) => ({
  /** Releases reservations left unsettled past their expiry (e.g. by a crashed function), at most `limit`. */
  releaseExpiredReservations: (limit: number) => ports.ledger.releaseExpired(ports.clock.now(), limit),

  /** Gives each free workspace its monthly plan credits, once per calendar month. */
  grantFreeCredits: async (actor: string) => {
    const now = ports.clock.now();
    return grantFreeCredits(ports.ledger, await ports.freeWorkspaces.at(now), now, actor);
  },

  /** Removes expired credit packs from the balances (see `sweepExpiredPacks`). */
  expirePacks: (actor: string) => sweepExpiredPacks(ports.ledger, ports.packSweep, ports.clock.now(), actor),

  /** Writes the usage of the last complete days, recomputed from the ledger; one result per day. */
  rollUpUsage: async () => {
    const today = dayOf(ports.clock.now());
    const results = [];
    for (const back of rollUpDaysBack) results.push(await ports.usage.rollUp(addDays(today, -back)));
    return results;
  },

  /** Running trials that lack their trial credits get them (repairs a grant a registration could not make). */
  grantRunningTrialCredits: (limit: number) => ports.trialCredits.grantRunning(limit),

  /** Workspaces whose card-less trial ended go to the free plan; at most `limit`; resolves their ids. */
  expireTrials: (limit: number) => ports.sync.expireTrials(limit),

  /** Workspaces whose failed payment was not settled within the grace go to the free plan; resolves their ids. */
  expireGracePeriods: (limit: number) => ports.sync.expireGracePeriods(limit),

  /**
   * Applies the stored (verified) Stripe event with that id: a delivery only names the event.
   * Idempotent under the id, safe out of order; `unverified` when no such event was stored.
   */
  handleStripeEvent: (eventId: string) => ports.stripeHandler.handleStored(eventId),

  /** The stored Stripe events not yet re-published as `com.uxflow.billing.stripe.v1`. */
  stripeEventOutbox: ports.stripeOutbox,
});

export type BillingSystemService = ReturnType<typeof createBillingSystemService>;
