import { setTimeout as wait } from 'node:timers/promises';
import { createAppender, type Appender, type AuditPorts } from '../../audit/index.ts';
import { createOneAtATime, newId } from '../../kernel/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createAuditEntryStore } from '../mongodb/audit-entry-store.ts';
import { createAuditPendingStore, createAuditPersonalStore } from '../mongodb/audit-side-stores.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { sha256Hex } from './audit-crypto.ts';

/**
 * The audit chains' ports on MongoDB (`audit_log`, `audit_heads`, `audit_personal`,
 * `audit_pending`) and the appender over them; one per instance, so its appends to a chain take turns.
 */
export const auditPorts = defineResource({
  name: 'audit-ports',
  config: defineConfig({ name: 'audit-log', shape: {}, devDefaults: {} }),
  requires: [mongo],
  create: (_config, { use }): AuditPorts & { appender: Appender; pending: ReturnType<typeof createAuditPendingStore> } => {
    const { db } = use(mongo);
    const ports: AuditPorts = {
      entries: createAuditEntryStore(db),
      personal: createAuditPersonalStore(db),
      digest: sha256Hex,
      clock: { now: () => new Date() },
      newId,
      sleep: async (ms) => {
        await wait(ms);
      },
      oneAtATime: createOneAtATime(),
    };
    return { ...ports, appender: createAppender(ports), pending: createAuditPendingStore(db) };
  },
});
