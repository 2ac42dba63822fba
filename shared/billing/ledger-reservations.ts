import { creditCosts, isDomainError, type CreditOperation } from '../kernel/index.ts';
import type { Plan } from '../workspaces/index.ts';
import { checkKey, type Append, type Appended } from './ledger-append.ts';
import { emptyBalances, type Allocation, type LedgerEntry } from './ledger-entry.ts';
import { ledgerErrors } from './ledger-errors.ts';
import type { LedgerPorts } from './ledger-ports.ts';
import { allocate, giveBack, spendable } from './ledger-rules.ts';

/** How long a reservation may stay unsettled before the cron releases it. */
export const reservationTtlMs = 15 * 60_000;

export interface ReserveRequest {
  workspaceId: string;
  operation: CreditOperation;
  /** The caller's key for this piece of work: a repeat returns the first reservation. */
  idempotencyKey: string;
  /** Who asks: a user id or `apikey:<id>`. */
  actor: string;
  /** 2 for pro-quality AI (docs/product.md); 1 when absent. */
  multiplier?: number;
  /** The workspace's plan and upgrade link, for the 402 body. */
  plan: Plan;
  upgradeUrl: string;
}

/** Credits held for one piece of work until it is committed or released. */
export interface Reservation {
  reservationId: string;
  workspaceId: string;
  operation: string;
  cost: number;
  allocation: Allocation;
  /** After this the cron releases it. */
  expiresAt: Date;
  /** The reserve entry's number. */
  seq: number;
  at: Date;
  /** True when the idempotency key had reserved this already (same operation, cost and actor): nothing new was held. */
  replayed: boolean;
}

export interface ReleaseExpiredResult {
  /** Reservations released by this run. */
  released: number;
  /** Intents removed without a release: settled already, or left by a reserve that wrote no entry. */
  cleaned: number;
  /** Intents left for the next run, with why. */
  failures: { reservationId: string; error: unknown }[];
}

const toReservation = (entry: LedgerEntry, replayed: boolean): Reservation => ({
  reservationId: entry.reservationId ?? '',
  workspaceId: entry.workspaceId,
  operation: entry.operation ?? '',
  cost: -entry.amount,
  allocation: entry.allocation ?? { plan: 0, packs: [] },
  expiresAt: entry.expiresAt ?? entry.at,
  seq: entry.seq,
  at: entry.at,
  replayed,
});

/**
 * A key is bound to the work it first reserved: the same operation, cost and actor repeat it; any
 * other work under that key is refused, so one charge can never cover two different pieces of work.
 */
const sameWork = (first: LedgerEntry, operation: string, cost: number, actor: string) =>
  first.operation === operation && -first.amount === cost && first.actor === actor;

const costOf = (operation: CreditOperation, multiplier: number): number => {
  const base: number | undefined = creditCosts[operation];
  if (base === undefined) throw ledgerErrors.invalidRequest(`Unknown operation ${operation}.`);
  if (!Number.isInteger(multiplier) || multiplier < 1) throw ledgerErrors.invalidAmount('The multiplier must be a positive integer.');
  return base * multiplier;
};

/** reserve, commit, release and the cron's releaseExpired, over the append loop. */
export const createReservations = (ports: LedgerPorts, append: Append) => {
  const { entries, intents, clock } = ports;

  const reserve = async (request: ReserveRequest): Promise<Reservation> => {
    const { workspaceId, operation, actor } = request;
    const cost = costOf(operation, request.multiplier ?? 1);
    checkKey(request.idempotencyKey);
    const key = `reserve:${request.idempotencyKey}`;
    const reservationId = ports.newId('rsv');
    const expiresAt = new Date(clock.now().getTime() + reservationTtlMs);
    // First the intent: should this instance die after the insert, the cron still finds the reservation.
    await intents.insert({ reservationId, workspaceId, expiresAt });
    let appended: Appended;
    try {
      appended = await append(workspaceId, key, (latest, now) => {
        const balances = latest?.balances ?? emptyBalances();
        const taken = allocate(balances, cost, now);
        if (!taken) {
          const balance = spendable(balances, now);
          throw ledgerErrors.insufficientCredits({ plan: request.plan, balance, cost, operation, upgradeUrl: request.upgradeUrl });
        }
        return { type: 'reserve', balances: taken.after, actor, reservationId, operation, allocation: taken.allocation, expiresAt };
      });
    } catch (error) {
      // Refused for good (no entry was written), so the intent guards nothing. After any other
      // error the insert may have happened: the intent stays for the cron.
      if (isDomainError(error)) await intents.remove(reservationId);
      throw error;
    }
    if (appended.isNew) return toReservation(appended.entry, false);
    await intents.remove(reservationId);
    if (appended.entry.type !== 'reserve' || !sameWork(appended.entry, operation, cost, actor)) throw ledgerErrors.idempotencyKeyReused();
    return toReservation(appended.entry, true);
  };

  /** Settles under `settle:<reservationId>`: whichever of commit and release comes first wins, once. */
  const settle = async (kind: 'commit' | 'release', reserved: LedgerEntry, actor: string): Promise<Appended> => {
    const { workspaceId, reservationId, operation } = reserved;
    const appended = await append(workspaceId, `settle:${reservationId ?? ''}`, (latest) => {
      const balances = latest?.balances ?? emptyBalances();
      if (kind === 'commit') return { type: 'commit', balances, actor, reservationId, operation };
      const { after, returned } = giveBack(balances, reserved.allocation ?? { plan: 0, packs: [] });
      return { type: 'release', balances: after, actor, reservationId, operation, allocation: returned };
    });
    await intents.remove(reservationId ?? '');
    return appended;
  };

  const findReserved = async (workspaceId: string, reservationId: string) => {
    const reserved = await entries.findReservation(workspaceId, reservationId);
    if (!reserved) throw ledgerErrors.reservationNotFound();
    return reserved;
  };

  const commit = async (workspaceId: string, reservationId: string, actor: string): Promise<LedgerEntry> => {
    const { entry } = await settle('commit', await findReserved(workspaceId, reservationId), actor);
    if (entry.type === 'release') throw ledgerErrors.reservationReleased();
    return entry;
  };

  const release = async (workspaceId: string, reservationId: string, actor: string): Promise<LedgerEntry> =>
    (await settle('release', await findReserved(workspaceId, reservationId), actor)).entry;

  const settlement = async (workspaceId: string, reservationId: string): Promise<'committed' | 'released' | null> => {
    const settled = await entries.findByKey(workspaceId, `settle:${reservationId}`);
    if (!settled) return null;
    return settled.type === 'commit' ? 'committed' : 'released';
  };

  const releaseExpired = async (now: Date, limit: number): Promise<ReleaseExpiredResult> => {
    const result: ReleaseExpiredResult = { released: 0, cleaned: 0, failures: [] };
    for (const intent of await intents.due(now, limit)) {
      try {
        const reserved = await entries.findReservation(intent.workspaceId, intent.reservationId);
        if (reserved) {
          const { entry, isNew } = await settle('release', reserved, 'cron:release-expired-reservations');
          if (isNew && entry.type === 'release') result.released++;
          else result.cleaned++;
        } else {
          // The reserve died before its entry (or was refused): nothing is held.
          await intents.remove(intent.reservationId);
          result.cleaned++;
        }
      } catch (error) {
        result.failures.push({ reservationId: intent.reservationId, error });
      }
    }
    return result;
  };

  return { reserve, commit, release, settlement, releaseExpired };
};
