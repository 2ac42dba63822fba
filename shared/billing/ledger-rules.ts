import type { Allocation, Balances, PackBalance } from './ledger-entry.ts';
import { withTotal } from './ledger-entry.ts';

/** Packs usable at `now` (not expired, something left), oldest expiry (so oldest purchase) first. */
const usablePacks = (packs: readonly PackBalance[], now: Date) =>
  packs.filter((pack) => pack.remaining > 0 && pack.expiresAt > now).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());

/** Credits that can be spent at `now`: the plan's and the unexpired packs'. */
export const spendable = (balances: Balances, now: Date): number =>
  balances.plan + usablePacks(balances.packs, now).reduce((sum, pack) => sum + pack.remaining, 0);

/**
 * Takes `cost` credits: plan credits first, then packs, oldest first (docs/product.md). Null when there
 * are not enough spendable credits; a balance never goes below zero.
 */
export const allocate = (balances: Balances, cost: number, now: Date): { allocation: Allocation; after: Balances } | null => {
  if (spendable(balances, now) < cost) return null;
  const fromPlan = Math.min(balances.plan, cost);
  let left = cost - fromPlan;
  const taken = new Map<string, number>();
  for (const pack of usablePacks(balances.packs, now)) {
    if (left === 0) break;
    const amount = Math.min(pack.remaining, left);
    taken.set(pack.packId, amount);
    left -= amount;
  }
  const packs = balances.packs.map((pack) => ({ ...pack, remaining: pack.remaining - (taken.get(pack.packId) ?? 0) }));
  return {
    allocation: { plan: fromPlan, packs: [...taken].map(([packId, amount]) => ({ packId, amount })) },
    after: withTotal(balances.plan - fromPlan, packs),
  };
};

/**
 * Gives reserved credits back to the buckets they came from. A pack that is gone (expired and
 * removed, or refunded) is skipped: its part is forfeited. `returned` is what was given back.
 */
export const giveBack = (balances: Balances, allocation: Allocation): { after: Balances; returned: Allocation } => {
  const present = new Set(balances.packs.map((pack) => pack.packId));
  const returnedPacks = allocation.packs.filter((part) => present.has(part.packId));
  const back = new Map(returnedPacks.map((part) => [part.packId, part.amount]));
  const packs = balances.packs.map((pack) => ({ ...pack, remaining: pack.remaining + (back.get(pack.packId) ?? 0) }));
  return { after: withTotal(balances.plan + allocation.plan, packs), returned: { plan: allocation.plan, packs: returnedPacks } };
};

/** The plan's credits for a new period: they replace what is left (no rollover). */
export const resetPlan = (balances: Balances, credits: number): Balances => withTotal(credits, balances.packs);

/** A new pack; null when a pack with that id is already there (granted once). */
export const addPack = (balances: Balances, pack: PackBalance): Balances | null =>
  balances.packs.some((found) => found.packId === pack.packId) ? null : withTotal(balances.plan, [...balances.packs, pack]);

/** Packs expired at `now` (whatever they have left, spent ones too), oldest first: each is removed by its own entry. */
export const expiredPacks = (balances: Balances, now: Date): PackBalance[] =>
  balances.packs.filter((pack) => pack.expiresAt <= now).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());

/**
 * Removes a pack (expired or refunded) and what is left of it (spent credits cannot be taken back);
 * the amount removed. Null when the pack is not there (never granted, or removed already). Removed
 * packs leave the balances, so that the list stays short and a later release skips them.
 */
export const removePack = (balances: Balances, packId: string): { after: Balances; removed: number } | null => {
  const pack = balances.packs.find((found) => found.packId === packId);
  if (!pack) return null;
  return {
    after: withTotal(
      balances.plan,
      balances.packs.filter((found) => found.packId !== packId),
    ),
    removed: pack.remaining,
  };
};

/** Adds `amount` (negative to take) to the plan's credits; null when that would go below zero. */
export const adjustPlan = (balances: Balances, amount: number): Balances | null =>
  balances.plan + amount < 0 ? null : withTotal(balances.plan + amount, balances.packs);
