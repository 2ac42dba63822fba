import type { SecurityEventData } from '../security/index.ts';
import type { Appender } from './append.ts';
import { checkpointMessage, periodOf, type SignedCheckpoint } from './checkpoint.ts';
import type { AuditEntryStore, CheckpointSigner, CheckpointStore, PendingStore } from './ports.ts';
import { securityEventRecord } from './security-events.ts';

export interface AuditSystemPorts {
  appender: Appender;
  entries: AuditEntryStore;
  pending: PendingStore;
  checkpoints: CheckpointStore;
  signer: CheckpointSigner;
}

const chainsPerRead = 200;

/** What the audit log's background functions do, each as one call. */
export const createAuditSystemService = ({ appender, entries, pending, checkpoints, signer }: AuditSystemPorts) => ({
  /** Records a security event (keyed by its id: a redelivery records nothing more). Throws: the broker retries. */
  recordSecurityEvent: async (event: SecurityEventData): Promise<{ isNew: boolean }> => {
    const { isNew } = await appender.append(securityEventRecord(event));
    return { isNew };
  },

  /** Appends queued records whose inline append failed, oldest first; how many. Throws on the first failure (the next run retries). */
  appendPending: async (limit: number): Promise<number> => {
    let appended = 0;
    for (const record of await pending.oldest(limit)) {
      await appender.append(record);
      await pending.remove(record.key);
      appended += 1;
    }
    return appended;
  },

  /**
   * Signs the head of every chain that moved since its last checkpoint, once per period (a second
   * run in the same period signs nothing more: the checkpoint id is unique). Returns how many.
   */
  signCheckpoints: async (now: Date): Promise<number> => {
    const period = periodOf(now);
    const key = await signer.current(now);
    let signed = 0;
    for (let after: string | null = null; ;) {
      const chains = await entries.chains(after, chainsPerRead);
      for (const chain of chains) {
        const [head, last] = await Promise.all([entries.latest(chain), checkpoints.latest(chain)]);
        if (!head || (last && last.seq >= head.seq)) continue;
        const statement = { v: 1 as const, chain, seq: head.seq, hash: head.hash, period, signedAt: now.toISOString(), keyId: key.keyId };
        const checkpoint: SignedCheckpoint = { ...statement, alg: 'Ed25519', signature: key.sign(checkpointMessage(statement)) };
        if (await checkpoints.insert(checkpoint)) signed += 1;
      }
      if (chains.length < chainsPerRead) return signed;
      after = chains.at(-1)!;
    }
  },
});

export type AuditSystemService = ReturnType<typeof createAuditSystemService>;
