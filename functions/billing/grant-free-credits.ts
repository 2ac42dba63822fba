import { createLedger } from '../../shared/billing/index.ts';
import { grantFreeCredits } from '../../shared/billing/usage-free-credits.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { findFreeWorkspaces } from '../../shared/infra/mongodb/usage-free-workspaces.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { ledgerCron } from './lib/ledger-function.ts';

export default defineCronFunction({
  ...ledgerCron,
  description:
    'Daily, gives each free workspace (no trial running) its 100 monthly plan credits, once per calendar month (key free:<YYYY-MM>).',
  schedule: '15 0 * * *',
  uses: [ledgerPorts, mongo],
  handler: async (_tick, { use, log }) => {
    const now = new Date();
    const workspaceIds = await findFreeWorkspaces(use(mongo).db, now);
    const result = await grantFreeCredits(createLedger(use(ledgerPorts)), workspaceIds, now, 'cron:grant-free-credits');
    const failures = result.failures.map(({ workspaceId, error }) => ({ workspaceId, error: String(error) }));
    if (failures.length > 0) log.warn({ failures }, 'free credits left for the next run');
    log.info({ workspaces: result.workspaces }, 'free plan credits granted');
  },
});
