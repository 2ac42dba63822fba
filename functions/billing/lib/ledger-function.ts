import { jwtOrApiKey } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, type CronPreset, type HttpPreset } from '../../../shared/platform/definition/index.ts';
import type { ResourceRef } from '../../../shared/platform/resource.ts';

/** Cost tags of every billing function (FinOps). */
export const ledgerCostTags = { team: 'billing', costCenter: 'cc-billing' } as const;

/**
 * What the credit ledger's read endpoints share: `billing:read` (owners and admins), user tokens
 * and API keys, the `api` rate class. Entries name who spent (a user id), so they process identity data.
 */
export const ledgerReadFunction = (uses: readonly ResourceRef[]) =>
  ({
    access: authenticated(jwtOrApiKey, 'billing:read'),
    rateLimit: rateLimited.api,
    uses,
    costTags: { ...ledgerCostTags, tier: 'standard' },
    privacy: {
      personalData: ['identity', 'billing', 'usage'],
      purpose: 'show a workspace’s owners and admins its credit movements and who spent them',
      legalBasis: 'contract',
    },
  }) satisfies HttpPreset;

/** What the ledger crons share: batch tier, on spot nodes, ledger entries carry user ids. */
export const ledgerCron = {
  costTags: { ...ledgerCostTags, tier: 'batch' },
  privacy: {
    personalData: ['billing', 'usage'],
    purpose: 'keep workspaces’ credit balances and usage summaries correct',
    legalBasis: 'contract',
  },
} satisfies CronPreset;
