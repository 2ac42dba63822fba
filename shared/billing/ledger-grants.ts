import type { Append } from './ledger-append.ts';
import { emptyBalances, withTotal, type LedgerEntry, type PackBalance } from './ledger-entry.ts';
import { ledgerErrors } from './ledger-errors.ts';
import type { LedgerPorts } from './ledger-ports.ts';
import { addPack, adjustPlan, expiredPacks, removePack, resetPlan } from './ledger-rules.ts';

export interface PackGrant {
  packId: string;
  credits: number;
  /** 12 months after purchase (docs/product.md). */
  expiresAt: Date;
}

const balancesOf = (latest: LedgerEntry | null) => latest?.balances ?? emptyBalances();

const checkCredits = (credits: number, { allowZero }: { allowZero: boolean }) => {
  if (!Number.isSafeInteger(credits) || credits < 0 || (credits === 0 && !allowZero)) {
    throw ledgerErrors.invalidAmount(`${credits} is not a valid number of credits.`);
  }
};

/** Credits coming in or going out other than through reservations: grants, expiry, refunds, support adjustments. */
export const createGrants = (ports: LedgerPorts, append: Append) => {
  const grantPlanCredits = async (workspaceId: string, credits: number, key: string, actor: string, note: string | null) => {
    checkCredits(credits, { allowZero: true });
    const { entry } = await append(workspaceId, key, (latest) => ({
      type: 'grant',
      balances: resetPlan(balancesOf(latest), credits),
      actor,
      note,
    }));
    return entry;
  };

  const addPlanCredits = async (workspaceId: string, credits: number, key: string, actor: string, note: string | null) => {
    checkCredits(credits, { allowZero: false });
    const { entry } = await append(workspaceId, key, (latest) => {
      const balances = balancesOf(latest);
      return { type: 'grant', balances: withTotal(balances.plan + credits, balances.packs), actor, note };
    });
    return entry;
  };

  const grantPack = async (workspaceId: string, pack: PackGrant, key: string, actor: string) => {
    checkCredits(pack.credits, { allowZero: false });
    if (pack.packId.length === 0 || Number.isNaN(pack.expiresAt.getTime()))
      throw ledgerErrors.invalidRequest('A pack needs an id and an expiry.');
    const added: PackBalance = { packId: pack.packId, remaining: pack.credits, expiresAt: pack.expiresAt };
    const appended = await append(workspaceId, key, (latest) => {
      const after = addPack(balancesOf(latest), added);
      return (
        after && { type: 'grant', balances: after, actor, allocation: { plan: 0, packs: [{ packId: pack.packId, amount: pack.credits }] } }
      );
    });
    return appended?.entry ?? null;
  };

  const expirePacks = async (workspaceId: string, now: Date, actor: string) => {
    const written: LedgerEntry[] = [];
    for (const pack of expiredPacks(balancesOf(await ports.entries.latest(workspaceId)), now)) {
      const appended = await append(workspaceId, `expire:${pack.packId}`, (latest) => {
        const removed = removePack(balancesOf(latest), pack.packId);
        if (!removed) return null;
        const allocation = { plan: 0, packs: [{ packId: pack.packId, amount: removed.removed }] };
        return { type: 'expire', balances: removed.after, actor, allocation };
      });
      if (appended?.isNew) written.push(appended.entry);
    }
    return written;
  };

  const refundPack = async (workspaceId: string, packId: string, key: string, actor: string) => {
    const appended = await append(workspaceId, key, (latest) => {
      const removed = removePack(balancesOf(latest), packId);
      if (!removed) return null;
      return { type: 'refund', balances: removed.after, actor, allocation: { plan: 0, packs: [{ packId, amount: removed.removed }] } };
    });
    return appended?.entry ?? null;
  };

  const adjust = async (workspaceId: string, amount: number, key: string, actor: string, note: string) => {
    if (!Number.isSafeInteger(amount) || amount === 0)
      throw ledgerErrors.invalidAmount('An adjustment is a non-zero whole number of credits.');
    const { entry } = await append(workspaceId, key, (latest) => {
      const after = adjustPlan(balancesOf(latest), amount);
      if (!after) throw ledgerErrors.invalidAmount('The adjustment would take the plan credits below zero.');
      return { type: 'adjust', balances: after, actor, note };
    });
    return entry;
  };

  return { grantPlanCredits, addPlanCredits, grantPack, expirePacks, refundPack, adjust };
};
