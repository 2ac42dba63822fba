import { chainOf, genesisHash, sealEntry } from './chain.ts';
import type { AuditActor, AuditEntry, AuditRecord } from './entry.ts';
import { auditErrors } from './errors.ts';
import { hasPersonalValues, newSalt, personalHash } from './personal.ts';
import type { AuditPorts } from './ports.ts';

/** A record with what the log fixed when it accepted it: its key, time and actor. */
export type AcceptedRecord = AuditRecord & { key: string; at: Date; actor: AuditActor };

// Like the credit ledger: enough for a burst of writers on one chain; each round has one winner.
const maxAttempts = 400;
const deadlineMs = 20_000;
const maxSleepMs = 1000;

/**
 * Appends records to their chains: read the chain's latest entry, seal the next (its hash covers
 * the previous one), insert it — the insert, unique on `(chain, seq)`, is the commit point. A lost
 * race re-reads the head and retries after a jittered pause; a key already recorded returns the
 * entry recorded first. Personal values go to the sidecar before the entry, so an entry never
 * points at values that were not stored.
 * @throws AUDIT_LOG_BUSY when the attempts or the time run out.
 */
export const createAppender = (ports: AuditPorts) => {
  const { entries, personal, digest, clock, sleep } = ports;

  const personalHashOf = async (record: AcceptedRecord): Promise<string | null> => {
    if (!hasPersonalValues(record.personal)) return null;
    const stored = await personal.put({ key: record.key, subjectId: record.subjectId ?? null, salt: newSalt(), values: record.personal });
    return personalHash(stored, digest);
  };

  const attempts = async (record: AcceptedRecord, started: number): Promise<{ entry: AuditEntry; isNew: boolean }> => {
    const chain = chainOf(record.workspaceId);
    const hashOfPersonal = await personalHashOf(record);
    for (let attempt = 1; ; attempt++) {
      const attemptStarted = clock.now().getTime();
      const latest = await entries.latest(chain);
      const entry = sealEntry(
        {
          v: 1,
          chain,
          seq: (latest?.seq ?? 0) + 1,
          key: record.key,
          at: record.at.toISOString(),
          action: record.action,
          actor: record.actor,
          target: record.target ?? null,
          workspaceId: record.workspaceId ?? null,
          requestId: record.requestId ?? null,
          traceId: record.traceId ?? null,
          outcome: record.outcome ?? 'success',
          details: record.details ?? {},
          personalHash: hashOfPersonal,
          prevHash: latest?.hash ?? genesisHash,
        },
        digest,
      );
      const outcome = await entries.append(entry);
      if (outcome === 'appended') return { entry, isNew: true };
      if (outcome === 'key_taken') {
        const first = await entries.findByKey(record.key);
        if (first) return { entry: first, isNew: false };
      }
      const ended = clock.now().getTime();
      if (attempt >= maxAttempts || ended - started > deadlineMs) throw auditErrors.busy();
      const window = Math.max(ended - attemptStarted, 2) * 2 ** Math.min(attempt, 10);
      await sleep(1 + Math.random() * Math.min(maxSleepMs, window));
    }
  };

  return {
    /** Appends one accepted record (idempotent on its key). */
    append: async (record: AcceptedRecord) => {
      const started = clock.now().getTime();
      // This instance's writers on one chain take turns: they would only lose races to each other.
      return ports.oneAtATime(chainOf(record.workspaceId), () => attempts(record, started));
    },
  };
};

export type Appender = ReturnType<typeof createAppender>;
