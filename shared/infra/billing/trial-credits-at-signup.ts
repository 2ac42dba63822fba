import type { Logger } from 'pino';
import type { Ledger } from '../../billing/index.ts';
import { grantTrialCredits } from '../../billing/trial-credits.ts';
import type { PersonalWorkspaces } from '../../identity/index.ts';

/**
 * A new account's personal workspace store that also grants its card-less trial's credits, so the
 * trial can use AI from the first minute. The workspace is what signup needs: should the grant
 * fail, signup still succeeds and the hourly trial cron grants them (same key, once).
 */
export const withTrialCredits = (
  workspaces: PersonalWorkspaces,
  ledger: Pick<Ledger, 'addPlanCredits'>,
  log: Pick<Logger, 'warn'>,
): PersonalWorkspaces => ({
  create: async (workspace, owner) => {
    await workspaces.create(workspace, owner);
    if (workspace.trialEndsAt === null) return;
    try {
      await grantTrialCredits(ledger, workspace.id, owner.userId);
    } catch (error) {
      log.warn({ workspaceId: workspace.id, err: error }, 'trial credits left for the trial cron');
    }
  },
});
