import { effectivePlan, upgradeUrl, type Plan } from '../workspaces/index.ts';
import type { Digest } from './chain.ts';
import type { SignedCheckpoint } from './checkpoint.ts';
import type { AuditActor, AuditEntry, PersonalFields } from './entry.ts';
import { auditErrors } from './errors.ts';
import type { AuditEntryStore, AuditFilter, AuditLog, CheckpointStore, PersonalStore, SignatureCheck } from './ports.ts';
import type { VerifyReport } from './verify.ts';
import { auditRetentionBound } from './retention.ts';
import { verifyStoredChains } from './verify-store.ts';

export interface AuditReadPorts {
  entries: AuditEntryStore;
  checkpoints: CheckpointStore;
  personal: PersonalStore;
  log: AuditLog;
  digest: Digest;
  /** The published audit keys' check (the same keys `/.well-known/audit-keys.json` serves). */
  checkSignature: () => Promise<SignatureCheck>;
  workspacePlan: (workspaceId: string) => Promise<{ plan: Plan; trialEndsAt: Date | null } | null>;
  clock: { now: () => Date };
  appUrl: string;
}

/** An entry as staff see it: with its clear personal values while the sidecar holds them. */
export interface StaffEntryView extends AuditEntry {
  personal: PersonalFields | null;
}

/** The audit log's reading side: staff search and verification, a workspace's own chain. */
export const createAuditReadService = (ports: AuditReadPorts) => {
  const { entries, checkpoints, personal, log, digest } = ports;

  /** A workspace's chain, for an enterprise workspace only (402 with the upgrade link otherwise). */
  const assertEnterprise = async (workspaceId: string) => {
    const workspace = await ports.workspacePlan(workspaceId);
    if (!workspace) throw auditErrors.workspaceNotFound();
    const plan = effectivePlan(workspace, ports.clock.now());
    if (plan !== 'enterprise') throw auditErrors.planRequired(plan, upgradeUrl(ports.appUrl, workspaceId));
  };

  return {
    /** Staff search, newest first; the search itself is recorded (`audit.listed`). */
    search: async (staff: AuditActor, filter: AuditFilter, before: { at: Date; id: string } | null, limit: number) => {
      const found = await entries.search(filter, before, limit);
      const held = new Map((await personal.find(found.map((e) => e.key))).map((p) => [p.key, p.values]));
      await log.record({
        action: 'audit.listed',
        actor: staff,
        details: {
          actor: filter.actorId ?? null,
          action: filter.action ?? null,
          workspace: filter.workspaceId ?? null,
          from: filter.from?.toISOString() ?? null,
          to: filter.to?.toISOString() ?? null,
        },
      });
      return found.map((entry): StaffEntryView => ({ ...entry, personal: held.get(entry.key) ?? null }));
    },

    /** Verifies every chain and its checkpoints; the check is recorded (`audit.verified`). */
    verifyAll: async (staff: AuditActor): Promise<VerifyReport> => {
      const report = await verifyStoredChains({
        entries,
        checkpoints,
        digest,
        checkSignature: await ports.checkSignature(),
        retentionBound: auditRetentionBound(ports.clock.now()),
      });
      await log.record({
        action: 'audit.verified',
        actor: staff,
        outcome: report.ok ? 'success' : 'failure',
        details: { chains: report.chains, entries: report.entries, firstBreak: report.firstBreak?._id ?? null },
      });
      return report;
    },

    /** The workspace's entries, newest first, numbered below `beforeSeq`. */
    listWorkspace: async (workspaceId: string, beforeSeq: number | null, limit: number) => {
      await assertEnterprise(workspaceId);
      return entries.newest(workspaceId, beforeSeq, limit);
    },

    /**
     * The workspace's chain in number order after `afterSeq`, with the chain's checkpoints on the
     * last page, for an export a verifier checks offline. Recorded (`audit.exported`).
     */
    exportWorkspace: async (actor: AuditActor, workspaceId: string, afterSeq: number, limit: number) => {
      await assertEnterprise(workspaceId);
      const page = await entries.range(workspaceId, afterSeq, limit + 1);
      const items = page.slice(0, limit);
      const isLast = page.length <= limit;
      const signed: SignedCheckpoint[] = isLast ? await checkpoints.list(workspaceId) : [];
      await log.record({
        action: 'audit.exported',
        actor,
        workspaceId,
        target: { type: 'workspace', id: workspaceId },
        details: { fromSeq: afterSeq + 1, entries: items.length },
      });
      return { items, checkpoints: signed, next: isLast ? null : (items.at(-1)?.seq ?? null) };
    },
  };
};

export type AuditReadService = ReturnType<typeof createAuditReadService>;
