import type { PlatformRole } from '../../shared/kernel/index.ts';
import { verifyStoredChains, type AuditEntry } from '../../shared/audit/index.ts';
import { sha256Hex } from '../../shared/infra/audit/audit-crypto.ts';
import { auditKeys } from '../../shared/infra/audit/audit-keys-resource.ts';
import { auditLog } from '../../shared/infra/audit/audit-log-resource.ts';
import { auditReader, auditSystem } from '../../shared/infra/audit/audit-resources.ts';
import { accessTokens } from '../../shared/infra/jose/access-tokens.ts';
import { createAuditCheckpointStore } from '../../shared/infra/mongodb/audit-checkpoint-store.ts';
import { auditLogCollection, createAuditEntryStore } from '../../shared/infra/mongodb/audit-entry-store.ts';
import { createRuntime, type Runtime } from '../../shared/platform/runtime.ts';
import { makeStaffAccount } from './staff-account.ts';
import { startWorkspaceKit, type TestUser } from './workspace-kit.ts';

/**
 * The workspace kit plus the audit log as functions build it: `instance()` is another function
 * instance (its own appender lanes, so two instances race on the chains for real), staff accounts
 * with platform roles, and the stored chains read and verified as the verifier reads them.
 */
export const startAuditKit = async (name: string) => {
  const kit = await startWorkspaceKit(name);
  const runtimes: Runtime[] = [];
  const instance = () => {
    const runtime = createRuntime({ name: 'audit-it', uses: [auditLog, auditSystem, auditKeys, auditReader, accessTokens] }, kit.env);
    runtimes.push(runtime);
    return runtime;
  };
  const main = instance();

  const staff = async (label: string, roles: PlatformRole[]): Promise<TestUser> => {
    const user = await kit.user(label);
    const sessionId = await makeStaffAccount(kit.db, user.id, roles);
    const { token } = await main.use(accessTokens).issue({ userId: user.id, sessionId, platformRoles: roles });
    return { ...user, token };
  };

  /** A chain's stored documents in number order, as they are in the database. */
  const stored = (chain: string) =>
    kit.db.collection<AuditEntry & { at: Date }>(auditLogCollection.name).find({ chain }).sort({ seq: 1 }).toArray();

  const verifyAll = async () =>
    verifyStoredChains({
      entries: createAuditEntryStore(kit.db),
      checkpoints: createAuditCheckpointStore(kit.db),
      digest: sha256Hex,
      checkSignature: await main.use(auditKeys).signatureCheck(),
    });

  return {
    ...kit,
    log: main.use(auditLog),
    system: main.use(auditSystem),
    keys: main.use(auditKeys),
    instance,
    staff,
    stored,
    verifyAll,
    close: async () => {
      await Promise.all(runtimes.map((r) => r.close()));
      await kit.close();
    },
  };
};

export type AuditKit = Awaited<ReturnType<typeof startAuditKit>>;
