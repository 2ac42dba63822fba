import {
  auditRetentionBound,
  retentionAnchor,
  retentionCut,
  type AuditEntryStore,
  type CheckpointStore,
  type PersonalStore,
} from '../../audit/index.ts';
import type { RetentionJob } from '../../privacy/index.ts';

const chainsPerRead = 200;
const entriesPerBatch = 500;

export interface AuditLogEndStores {
  entries: Pick<AuditEntryStore, 'chains' | 'latest' | 'range' | 'removeThrough'>;
  personal: Pick<PersonalStore, 'remove'>;
  checkpoints: Pick<CheckpointStore, 'list' | 'removeBefore'>;
}

interface Cut {
  chain: string;
  /** Entries numbered up to this go. */
  through: number;
  /** The checkpoint that vouches for the first entry kept (older checkpoints go). */
  anchorSeq: number;
}

/**
 * The audit log's 7-year end (shared/audit/retention.ts): per chain, the entries up to its newest
 * checkpoint signed more than 7 years ago (never the head), their sidecar values, and the
 * checkpoints before that anchor. Entries go oldest first in batches, so an interrupted run leaves
 * a chain cut at its start (which verifies) and the next run finishes it.
 */
export const auditLogEndJob = ({ entries, personal, checkpoints }: AuditLogEndStores): RetentionJob => {
  const cuts = async (now: Date): Promise<Cut[]> => {
    const bound = auditRetentionBound(now);
    const found: Cut[] = [];
    for (let after: string | null = null; ;) {
      const chains = await entries.chains(after, chainsPerRead);
      for (const chain of chains) {
        const anchor = retentionAnchor(await checkpoints.list(chain), bound);
        if (!anchor) continue;
        const through = retentionCut(anchor, (await entries.latest(chain))?.seq ?? 0);
        if (through > 0) found.push({ chain, through, anchorSeq: anchor.seq });
      }
      if (chains.length < chainsPerRead) break;
      after = chains.at(-1)!;
    }
    return found;
  };
  return {
    rule: 'audit-log',
    what: 'audit entries older than 7 years, cut at a checkpoint signed before then, with their sidecar values',
    dryRun: async (now) => {
      let due = 0;
      for (const cut of await cuts(now)) {
        const [first] = await entries.range(cut.chain, 0, 1);
        if (first && first.seq <= cut.through) due += cut.through - first.seq + 1;
      }
      return { audit_log: due };
    },
    run: async (now) => {
      const removed = { audit_log: 0, audit_personal: 0, audit_checkpoints: 0 };
      for (const cut of await cuts(now)) {
        for (;;) {
          const keys = await entries.removeThrough(cut.chain, cut.through, entriesPerBatch);
          removed.audit_log += keys.length;
          removed.audit_personal += await personal.remove(keys);
          if (keys.length < entriesPerBatch) break;
        }
        removed.audit_checkpoints += await checkpoints.removeBefore(cut.chain, cut.anchorSeq);
      }
      return removed;
    },
  };
};
