import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { rateLimiter } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import type { ResourceRef } from '../../../shared/platform/resource.ts';

/** Cost tags of every billing function (FinOps). */
export const ledgerCostTags = { team: 'billing', costCenter: 'cc-billing' } as const;

/**
 * What the credit ledger's read endpoints share: `billing:read` (owners and admins), user tokens
 * and API keys, the `api` rate class. Entries name who spent (a user id), so they process identity data.
 */
export const ledgerReadFunction = (uses: readonly ResourceRef[]) => ({
  domain: 'billing' as const,
  authenticator: jwtAuthenticator,
  rateLimit: 'api' as const,
  rateLimiter,
  uses,
  costTags: { ...ledgerCostTags, tier: 'standard' as const },
  access: { type: 'authenticated' as const, credentials: ['jwt', 'apiKey'] as const, permission: 'billing:read' as const },
  privacy: {
    personalData: ['identity', 'billing', 'usage'] as const,
    purpose: 'show a workspace’s owners and admins its credit movements and who spent them',
    legalBasis: 'contract' as const,
  },
});

/** What the ledger crons share: batch tier, on spot nodes, ledger entries carry user ids. */
export const ledgerCron = {
  domain: 'billing' as const,
  costTags: { ...ledgerCostTags, tier: 'batch' as const },
  privacy: {
    personalData: ['billing', 'usage'] as const,
    purpose: 'keep workspaces’ credit balances and usage summaries correct',
    legalBasis: 'contract' as const,
  },
};
