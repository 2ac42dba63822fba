import { effectivePlan, planLimits, workspaceErrors, type Plan, type PlanLimits } from '../workspaces/index.ts';
import type { BillingStatus, SubscriptionSnapshots } from './billing-account.ts';
import type { Ledger } from './ledger-service.ts';
import type { WorkspacePlans } from './subscription-ports.ts';
import { billingStatusOf, planInForce } from './subscription-state.ts';

/** What `GET /v1/workspaces/{workspaceId}/billing` answers. */
export interface BillingSummary {
  plan: Plan;
  status: BillingStatus;
  trialEndsAt: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  /** Set while a failed payment's grace runs. */
  graceEndsAt: Date | null;
  /** Spendable credits: the plan's, the unexpired packs', and their sum. */
  credits: { plan: number; packs: number; total: number };
  limits: PlanLimits;
}

export interface BillingReaderPorts {
  snapshots: SubscriptionSnapshots;
  workspacePlans: WorkspacePlans;
  ledger: Pick<Ledger, 'balance'>;
  clock: { now: () => Date };
}

/** Reads a workspace's billing from the subscription state in force (or its trial) and the ledger. */
export const createBillingReader = ({ snapshots, workspacePlans, ledger, clock }: BillingReaderPorts) => ({
  /** @throws WORKSPACE_NOT_FOUND (404) when the workspace does not exist. */
  get: async (workspaceId: string): Promise<BillingSummary> => {
    const [workspace, snapshot, { balances, spendable }] = await Promise.all([
      workspacePlans.find(workspaceId),
      snapshots.current(workspaceId),
      ledger.balance(workspaceId),
    ]);
    if (!workspace) throw workspaceErrors.notFound();
    const now = clock.now();
    const plan = snapshot ? planInForce(snapshot, now) : effectivePlan(workspace, now);
    const status = billingStatusOf(snapshot, workspace.trialEndsAt, now);
    return {
      plan,
      status,
      trialEndsAt: snapshot ? snapshot.trialEnd : status === 'trialing' ? workspace.trialEndsAt : null,
      currentPeriodEnd: snapshot?.currentPeriodEnd ?? null,
      cancelAtPeriodEnd: snapshot?.cancelAtPeriodEnd ?? false,
      graceEndsAt: status === 'past_due' ? (snapshot?.graceEndsAt ?? null) : null,
      credits: { plan: balances.plan, packs: spendable - balances.plan, total: spendable },
      limits: planLimits[plan],
    };
  },
});
