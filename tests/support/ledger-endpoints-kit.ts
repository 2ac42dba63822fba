import { reconcileLedger } from '../../scripts/billing-reconcile.ts';
import { createLedger, type Ledger } from '../../shared/billing/index.ts';
import { createUsage } from '../../shared/billing/usage-service.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { usagePorts } from '../../shared/infra/billing/usage-resource.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import { startWorkspaceKit } from './workspace-kit.ts';
import { upgradeUrl } from './ledger-kit.ts';

/**
 * The ledger endpoints over HTTP (real apps, the local MongoDB) with a team per test, plus the
 * ledger and usage services on the same database for set-up, each with a clock the test chooses.
 */
export const startLedgerEndpointsKit = async (database: string) => {
  const kit = await startWorkspaceKit(database);
  const runtime = createRuntime({ name: `${database}-ledger`, uses: [ledgerPorts, usagePorts] }, kit.env);
  const ledgerAt = (at: Date): Ledger => createLedger({ ...runtime.use(ledgerPorts), clock: { now: () => at } });
  const usageAt = (at: Date) => createUsage({ ...runtime.use(usagePorts), clock: { now: () => at } });

  /** A workspace with an owner, an admin, an editor and a viewer, and `credits` plan credits. */
  const team = async (credits = 1000) => {
    const { owner, admin, editor, viewer } = await kit.users('owner', 'admin', 'editor', 'viewer');
    const workspaceId = await kit.workspace({ owner: [owner], admin: [admin], editor: [editor], viewer: [viewer] });
    if (credits > 0)
      await ledgerAt(new Date('2020-01-01T00:00:00Z')).grantPlanCredits(workspaceId, credits, `grant:${workspaceId}`, 'stripe:evt', 'p1');
    return { workspaceId, owner, admin, editor, viewer };
  };

  /** A reservation committed at `at` (reserved a minute before) by `actor`. */
  const spend = async (workspaceId: string, at: string, operation: 'ai.chat' | 'ai.plan' | 'ai.generate', actor: string, key: string) => {
    const commitAt = new Date(at);
    const reserved = await ledgerAt(new Date(commitAt.getTime() - 60_000)).reserve({
      workspaceId,
      operation,
      idempotencyKey: key,
      actor,
      plan: 'pro',
      upgradeUrl,
    });
    return ledgerAt(commitAt).commit(workspaceId, reserved.reservationId, actor);
  };

  return {
    ...kit,
    ledgerAt,
    usageAt,
    team,
    spend,
    reconcile: () => reconcileLedger(kit.db),
    close: async () => {
      await runtime.close();
      await kit.close();
    },
  };
};

export type LedgerEndpointsKit = Awaited<ReturnType<typeof startLedgerEndpointsKit>>;
