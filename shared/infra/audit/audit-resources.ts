import { createAuditReadService, createAuditSystemService } from '../../audit/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createAuditCheckpointStore } from '../mongodb/audit-checkpoint-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createWorkspaceStore } from '../mongodb/workspace-store.ts';
import { webAppConfig } from '../web-app-config.ts';
import { auditKeys } from './audit-keys-resource.ts';
import { auditLog } from './audit-log-resource.ts';
import { auditPorts } from './audit-ports-resource.ts';

/** Staff search and verification, a workspace's own chain and its export. */
export const auditReader = defineResource({
  name: 'audit-reader',
  config: webAppConfig,
  requires: [mongo, auditPorts, auditLog, auditKeys],
  create: (config, { use }) => {
    const ports = use(auditPorts);
    const workspaces = createWorkspaceStore(use(mongo).db);
    return createAuditReadService({
      entries: ports.entries,
      personal: ports.personal,
      checkpoints: createAuditCheckpointStore(use(mongo).db),
      log: use(auditLog),
      digest: ports.digest,
      checkSignature: () => use(auditKeys).signatureCheck(),
      workspacePlan: async (workspaceId) => {
        const workspace = await workspaces.findActive(workspaceId);
        return workspace ? { plan: workspace.plan, trialEndsAt: workspace.trialEndsAt } : null;
      },
      clock: ports.clock,
      appUrl: config.WEB_APP_URL,
    });
  },
});

/** The audit log's background work: security events in, queued records appended, checkpoints signed. */
export const auditSystem = defineResource({
  name: 'audit-system',
  config: defineConfig({ name: 'audit-system', shape: {}, devDefaults: {} }),
  requires: [mongo, auditPorts, auditKeys],
  create: (_config, { use }) => {
    const ports = use(auditPorts);
    return createAuditSystemService({
      appender: ports.appender,
      entries: ports.entries,
      pending: ports.pending,
      checkpoints: createAuditCheckpointStore(use(mongo).db),
      signer: use(auditKeys).signer,
    });
  },
});
