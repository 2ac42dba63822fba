import { planLimits } from '../workspaces/index.ts';
import type { Ledger } from './ledger-service.ts';

/** The idempotency key of a free workspace's plan credits for the calendar month (UTC) of `now`. */
export const freeGrantKey = (now: Date): string => `free:${now.toISOString().slice(0, 7)}`;

export interface FreeGrantResult {
  workspaces: number;
  failures: { workspaceId: string; error: unknown }[];
}

/**
 * Gives each free workspace its monthly plan credits (docs/product.md: 100, no rollover) once per UTC
 * calendar month: the grant's key is `free:<YYYY-MM>`, so a second run in the month (or a retried
 * one) returns the first grant and changes nothing. Paid plans get theirs from Stripe invoices.
 */
export const grantFreeCredits = async (
  ledger: Pick<Ledger, 'grantPlanCredits'>,
  workspaceIds: readonly string[],
  now: Date,
  actor: string,
): Promise<FreeGrantResult> => {
  const key = freeGrantKey(now);
  const result: FreeGrantResult = { workspaces: 0, failures: [] };
  for (const workspaceId of workspaceIds) {
    try {
      await ledger.grantPlanCredits(workspaceId, planLimits.free.creditsPerMonth, key, actor, `free plan ${key.slice(5)}`);
      result.workspaces += 1;
    } catch (error) {
      result.failures.push({ workspaceId, error });
    }
  }
  return result;
};
