import type { AuditLog } from '../audit/index.ts';
import { planLimits } from '../workspaces/index.ts';
import type { SubscriptionSnapshot, SubscriptionSnapshots } from './billing-account.ts';
import type { Ledger } from './ledger-service.ts';
import type { GraceCandidates, WorkspacePlanState, WorkspacePlans } from './subscription-ports.ts';
import { isPastGrace, planInForce } from './subscription-state.ts';
import { freeGrantKey } from './usage-free-credits.ts';

export interface SubscriptionSyncPorts {
  snapshots: SubscriptionSnapshots;
  workspacePlans: WorkspacePlans;
  graceCandidates: GraceCandidates;
  ledger: Pick<Ledger, 'grantPlanCredits'>;
  clock: { now: () => Date };
  /** Plan changes are recorded there (`billing.plan_changed`, keyed by their cause). */
  audit: AuditLog;
}

/** Rounds of write-then-check before giving up on a workspace whose snapshots keep changing (the next event repairs it). */
const maxSyncRounds = 3;

/**
 * Keeps each workspace document's plan in step with its subscription: snapshots are appended, and
 * the document's `plan` is recomputed from the state in force after each one (so arrival order
 * does not matter), by the grace cron, and by the trial cron.
 */
export const createSubscriptionSync = ({ snapshots, workspacePlans, graceCandidates, ledger, clock, audit }: SubscriptionSyncPorts) => {
  /** Writes the plan fields and audits a change of plan; `cause` keys the entry, so a retry records it once. */
  const setPlan = async (workspaceId: string, state: WorkspacePlanState, cause: string) => {
    const before = await workspacePlans.find(workspaceId);
    await workspacePlans.set(workspaceId, state);
    if (before && before.plan !== state.plan)
      await audit.record({
        action: 'billing.plan_changed',
        actor: { type: 'system', id: 'billing', userId: null },
        workspaceId,
        target: { type: 'workspace', id: workspaceId },
        details: { from: before.plan, to: state.plan, cause },
        key: `plan:${workspaceId}:${cause}:${state.plan}`,
      });
  };

  /**
   * Writes the plan the state in force gives (a subscribed workspace is off the card-less trial).
   * Re-reads afterwards: a snapshot stored meanwhile by another instance is applied too.
   */
  const syncPlan = async (workspaceId: string): Promise<SubscriptionSnapshot | null> => {
    let current = await snapshots.current(workspaceId);
    for (let round = 0; current !== null && round < maxSyncRounds; round += 1) {
      await setPlan(workspaceId, { plan: planInForce(current, clock.now()), trialEndsAt: null }, current.eventId);
      const after: SubscriptionSnapshot | null = await snapshots.current(workspaceId);
      if (after?.eventId === current.eventId) break;
      current = after;
    }
    return current;
  };

  return {
    syncPlan,
    /** Appends a snapshot (false when that event's is stored already), then re-derives the workspace's plan either way. */
    record: async (snapshot: SubscriptionSnapshot): Promise<boolean> => {
      const isNew = await snapshots.insert(snapshot);
      await syncPlan(snapshot.workspaceId);
      return isNew;
    },
    /**
     * Trial expiry: workspaces whose card-less trial ended without a subscription (no payment
     * method) go to free, and their plan credits become the free month's (what is left of the
     * trial's goes: no rollover). The grant shares the free cron's key, so the month gets it once;
     * it comes first, so that a failure between the two writes is retried whole. The ids changed.
     */
    expireTrials: async (limit: number): Promise<string[]> => {
      const changed: string[] = [];
      for (const workspaceId of await workspacePlans.trialsEndedBy(clock.now(), limit)) {
        if ((await snapshots.current(workspaceId)) === null) {
          const key = freeGrantKey(clock.now());
          await ledger.grantPlanCredits(
            workspaceId,
            planLimits.free.creditsPerMonth,
            key,
            'cron:expire-trials',
            `free plan ${key.slice(5)}, trial ended`,
          );
          await setPlan(workspaceId, { plan: 'free', trialEndsAt: null }, `trial-ended:${key}`);
          changed.push(workspaceId);
        }
        // A subscription that arrived meanwhile wins: its plan is written over the free one.
        await syncPlan(workspaceId);
      }
      return changed;
    },
    /** Grace expiry: workspaces whose failed payment was not settled within the grace go to free. The ids changed. */
    expireGracePeriods: async (limit: number): Promise<string[]> => {
      const changed: string[] = [];
      for (const workspaceId of await graceCandidates.pastGrace(clock.now(), limit)) {
        // Only where that failed payment is still the state in force (a later payment settles it).
        const current = await snapshots.current(workspaceId);
        if (current === null || !isPastGrace(current, clock.now())) continue;
        if ((await workspacePlans.find(workspaceId))?.plan === 'free') continue;
        await syncPlan(workspaceId);
        changed.push(workspaceId);
      }
      return changed;
    },
  };
};

export type SubscriptionSync = ReturnType<typeof createSubscriptionSync>;
