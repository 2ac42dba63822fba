import { trialDays } from '../workspaces/index.ts';
import type { Ledger } from './ledger-service.ts';
import type { WorkspacePlans } from './subscription-ports.ts';

/**
 * The card-less pro trial's credits (docs/product.md, Trial): 500, granted once — not the pro month's
 * 5,000, so that a trial is not a free AI budget. The ledger's key `trial` makes it once per workspace.
 */
export const trialCredits = 500;
export const trialGrantKey = 'trial';

/** Adds the trial's credits to the workspace's plan credits, once (a repeat returns the first grant). */
export const grantTrialCredits = (ledger: Pick<Ledger, 'addPlanCredits'>, workspaceId: string, actor: string) =>
  ledger.addPlanCredits(workspaceId, trialCredits, trialGrantKey, actor, 'card-less pro trial');

export interface TrialCreditsPorts {
  ledger: Pick<Ledger, 'addPlanCredits'>;
  workspacePlans: Pick<WorkspacePlans, 'trialsEndingAfter'>;
  clock: { now: () => Date };
}

const dayMs = 24 * 60 * 60 * 1000;
/** How far back the repair looks: trials started within the last day (a day of hourly runs to catch a crash). */
const repairWindowMs = dayMs;

/**
 * The trial cron's repair: the grant is written when the trial workspace is created, but a crash
 * between the two writes would leave a trial without credits. Trials started within the last day
 * get it here (a no-op where it was granted; older ones were seen by earlier runs): how many were
 * checked, and the failures left for the next run.
 */
export const createTrialCredits = ({ ledger, workspacePlans, clock }: TrialCreditsPorts) => ({
  grantRunning: async (limit: number) => {
    const result = { workspaces: 0, failures: [] as { workspaceId: string; error: unknown }[] };
    const startedAfter = clock.now().getTime() - repairWindowMs;
    for (const workspaceId of await workspacePlans.trialsEndingAfter(new Date(startedAfter + trialDays * dayMs), limit)) {
      try {
        await grantTrialCredits(ledger, workspaceId, 'cron:expire-trials');
        result.workspaces += 1;
      } catch (error) {
        result.failures.push({ workspaceId, error });
      }
    }
    return result;
  },
});
