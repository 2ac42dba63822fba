import type { RetentionJob } from '../../privacy/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { flowSystem } from '../flows/flow-system-resource.ts';
import { mailer } from '../mail/smtp-mailer.ts';
import { createErasureRunStore } from '../mongodb/erasure-run-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { webAppConfig } from '../web-app-config.ts';
import { createAuditCheckpointStore } from '../mongodb/audit-checkpoint-store.ts';
import { createAuditEntryStore } from '../mongodb/audit-entry-store.ts';
import { createAuditPersonalStore } from '../mongodb/audit-side-stores.ts';
import { auditPseudonymisationJob, erasedAccountsDryRun, inactiveAccountsJob } from './retention-accounts.ts';
import { auditLogEndJob } from './retention-audit-log.ts';
import { billingRecordsJob } from './retention-billing.ts';
import { aiConversationsJob, securityRecordsJob, sessionsAndTokensJob } from './retention-sweeps.ts';
import { deletedWorkspacesJob } from './retention-workspaces.ts';
import { erasureStores } from './erasure-stores.ts';
import { daysBefore } from '../../privacy/index.ts';

/** Flows deleted 30 days ago (their restore window) are purged, head last, in batches. */
const deletedFlowsBatch = 500;

const deletedFlowsJob = (flows: {
  listDeletedBefore: (cutoff: Date, limit: number) => Promise<{ id: string }[]>;
  purge: (id: string) => Promise<boolean>;
}): RetentionJob => ({
  rule: 'deleted-flows',
  what: 'flows 30 days after their deletion, with their versions and snapshots',
  dryRun: async (now) => ({ flows: (await flows.listDeletedBefore(daysBefore(now, 30), deletedFlowsBatch)).length }),
  run: async (now) => {
    let purged = 0;
    for (const head of await flows.listDeletedBefore(daysBefore(now, 30), deletedFlowsBatch)) if (await flows.purge(head.id)) purged += 1;
    return { flows: purged };
  },
});

const noConfig = (name: string) => defineConfig({ name, shape: {}, devDefaults: {} });

/*
 * One resource per retention job, so that each cron function (functions/privacy/retention-*.ts)
 * loads and is configured for its own stores only; `npm run privacy -- retention [--dry-run]`
 * uses them all. `erased-accounts` is carried out by the erasure job
 * (functions/privacy/execute-erasures.ts); its entry here only counts what is due.
 */
export const sessionsAndTokensRetention = defineResource({
  name: 'retention-sessions-and-tokens',
  config: noConfig('retention-sessions-and-tokens'),
  requires: [mongo, fieldSealer],
  create: (_c, { use }) => sessionsAndTokensJob(use(mongo).db, use(fieldSealer)),
});
export const aiConversationsRetention = defineResource({
  name: 'retention-ai-conversations',
  config: noConfig('retention-ai-conversations'),
  requires: [mongo],
  create: (_c, { use }) => aiConversationsJob(use(mongo).db),
});
export const deletedFlowsRetention = defineResource({
  name: 'retention-deleted-flows',
  config: noConfig('retention-deleted-flows'),
  requires: [flowSystem],
  create: (_c, { use }) => deletedFlowsJob(use(flowSystem)),
});
export const deletedWorkspacesRetention = defineResource({
  name: 'retention-deleted-workspaces',
  config: noConfig('retention-deleted-workspaces'),
  requires: [mongo, fieldSealer],
  create: (_c, { use }) => deletedWorkspacesJob({ db: use(mongo).db, stores: erasureStores, sealer: use(fieldSealer) }),
});
export const securityRecordsRetention = defineResource({
  name: 'retention-security-records',
  config: noConfig('retention-security-records'),
  requires: [mongo],
  create: (_c, { use }) => securityRecordsJob(use(mongo).db),
});
export const inactiveAccountsRetention = defineResource({
  name: 'retention-inactive-accounts',
  config: webAppConfig,
  requires: [mongo, mailer, fieldSealer],
  create: (config, { use }) =>
    inactiveAccountsJob(use(mongo).db, {
      send: (mail) => use(mailer).send(mail),
      webAppUrl: config.WEB_APP_URL,
      sealer: use(fieldSealer),
    }),
});
export const erasedAccountsRetention = defineResource({
  name: 'retention-erased-accounts',
  config: noConfig('retention-erased-accounts'),
  requires: [mongo],
  create: (_c, { use }): RetentionJob => {
    const count = erasedAccountsDryRun(createErasureRunStore(use(mongo).db).due);
    return {
      rule: 'erased-accounts',
      what: 'accounts 30 days after their erasure request: hard delete and key destruction (the erasure job, with its receipt)',
      dryRun: count,
      run: count,
    };
  },
});
export const auditPseudonymisationRetention = defineResource({
  name: 'retention-audit-pseudonymisation',
  config: noConfig('retention-audit-pseudonymisation'),
  requires: [mongo, auditLog],
  create: (_c, { use }) => auditPseudonymisationJob(use(mongo).db, use(auditLog)),
});
export const auditLogEndRetention = defineResource({
  name: 'retention-audit-log',
  config: noConfig('retention-audit-log'),
  requires: [mongo],
  create: (_c, { use }) => {
    const { db } = use(mongo);
    return auditLogEndJob({
      entries: createAuditEntryStore(db),
      personal: createAuditPersonalStore(db),
      checkpoints: createAuditCheckpointStore(db),
    });
  },
});
export const billingRecordsRetention = defineResource({
  name: 'retention-billing-records',
  config: noConfig('retention-billing-records'),
  requires: [mongo],
  create: (_c, { use }) => billingRecordsJob(use(mongo).db),
});

/** Every retention job's resource, in the order of the product's table. */
export const retentionResources = [
  sessionsAndTokensRetention,
  aiConversationsRetention,
  deletedFlowsRetention,
  deletedWorkspacesRetention,
  securityRecordsRetention,
  inactiveAccountsRetention,
  erasedAccountsRetention,
  billingRecordsRetention,
  auditPseudonymisationRetention,
  auditLogEndRetention,
] as const;
