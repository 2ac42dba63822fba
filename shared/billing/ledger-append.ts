import { emptyBalances, type LedgerEntry } from './ledger-entry.ts';
import { ledgerErrors } from './ledger-errors.ts';
import type { LedgerPorts } from './ledger-ports.ts';

/** What one change sets; the append loop adds the workspace, number, key, time and amount. */
export type EntryDraft = Pick<LedgerEntry, 'type' | 'balances' | 'actor'> &
  Partial<Pick<LedgerEntry, 'reservationId' | 'operation' | 'allocation' | 'expiresAt' | 'note'>>;

/** An entry and whether this call appended it (false: the idempotency key returned the first). */
export interface Appended {
  entry: LedgerEntry;
  isNew: boolean;
}

/**
 * Builds the next entry from the latest one (null before the first) at `now`. Returns null when
 * there is nothing to do; throws a DomainError when the change is refused (e.g. not enough credits).
 */
export type BuildEntry = (latest: LedgerEntry | null, now: Date) => EntryDraft | null;

/** Appends the entry `build` makes; a build that always makes one always yields one. */
export interface Append {
  (workspaceId: string, idempotencyKey: string, build: (latest: LedgerEntry | null, now: Date) => EntryDraft): Promise<Appended>;
  (workspaceId: string, idempotencyKey: string, build: BuildEntry): Promise<Appended | null>;
}

/** Idempotency keys are whole requests' or events' ids with a prefix; bounded so that they stay index keys. */
export const checkKey = (key: string): void => {
  if (key.length === 0 || key.length > 256) throw ledgerErrors.invalidRequest('An idempotency key must have 1 to 256 characters.');
};

// Enough for 200 writers racing on one workspace: each round has one winner, the rest retry.
const maxAttempts = 400;
const deadlineMs = 20_000;
const maxSleepMs = 1000;

/**
 * The ledger's only write: read the latest entry, build the next, insert it (the commit point).
 * A lost race on the number is retried after a jittered pause; a used idempotency key returns the
 * entry that used it first. Balances are never read-modified-written: they travel in the entries.
 * @returns null when `build` found nothing to do and the key was not used before.
 * @throws what `build` throws (unless the key was used before: then the first entry is returned);
 *   LEDGER_BUSY (503) when the attempts or the time run out; INVALID_CREDIT_REQUEST (400) for an empty or huge key.
 */
export const createAppend = (ports: LedgerPorts): Append => {
  const attempts = createAttempts(ports);
  return (async (workspaceId: string, idempotencyKey: string, build: BuildEntry): Promise<Appended | null> => {
    checkKey(idempotencyKey);
    // The deadline counts from the call, so time spent waiting for the lane counts too.
    const started = ports.clock.now().getTime();
    // This instance's writers for one workspace take turns: they would only lose races to each other.
    return ports.oneAtATime(workspaceId, () => attempts(workspaceId, idempotencyKey, build, started));
  }) as Append;
};

/** The append loop itself: read the latest, build, insert; retry a lost race after a jittered pause. */
const createAttempts =
  ({ entries, clock, sleep }: LedgerPorts) =>
  async (workspaceId: string, idempotencyKey: string, build: BuildEntry, started: number): Promise<Appended | null> => {
    // Its turn came too late: the caller has likely given up; answer busy without touching the ledger.
    if (clock.now().getTime() - started > deadlineMs) throw ledgerErrors.busy();
    const first = async (): Promise<Appended | null> => {
      const found = await entries.findByKey(workspaceId, idempotencyKey);
      return found ? { entry: found, isNew: false } : null;
    };
    for (let attempt = 1; ; attempt++) {
      const attemptStarted = clock.now().getTime();
      const latest = await entries.latest(workspaceId);
      const now = clock.now();
      let draft: EntryDraft | null;
      try {
        draft = build(latest, now);
      } catch (error) {
        // A repeated request must get the first answer even when the balance has moved on since.
        const earlier = await first();
        if (earlier) return earlier;
        throw error;
      }
      if (draft === null) return first();
      const before = latest?.balances ?? emptyBalances();
      const entry: LedgerEntry = {
        reservationId: null,
        operation: null,
        allocation: null,
        expiresAt: null,
        note: null,
        ...draft,
        workspaceId,
        seq: (latest?.seq ?? 0) + 1,
        amount: draft.balances.total - before.total,
        idempotencyKey,
        at: now,
      };
      const outcome = await entries.append(entry);
      if (outcome === 'appended') return { entry, isNew: true };
      if (outcome === 'key_taken') {
        const earlier = await first();
        if (earlier) return earlier;
      }
      const ended = clock.now().getTime();
      if (attempt >= maxAttempts || ended - started > deadlineMs) throw ledgerErrors.busy();
      // Full jitter over a window that doubles per lost race and scales with how long the attempt
      // took: a slow attempt means a queue of writers, and they must spread out for one to win.
      const window = Math.max(ended - attemptStarted, 2) * 2 ** Math.min(attempt, 10);
      await sleep(1 + Math.random() * Math.min(maxSleepMs, window));
    }
  };
