import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { impersonations } from '../../../shared/infra/identity/impersonations-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { z } from '@hono/zod-openapi';
import { platform, type HttpPreset } from '../../../shared/platform/definition/index.ts';
import { identityCostTags } from './schemas.ts';

/** What the support impersonation endpoints share: support staff (2FA enforced), a user token only. */
export const impersonationStaffFunction = {
  access: platform(jwt, 'support'),
  rateLimit: rateLimited.api,
  uses: [impersonations],
  costTags: identityCostTags,
  privacy: {
    personalData: ['identity', 'usage'],
    purpose: 'let support staff see an account as its user does, for a stated reason, audited',
    legalBasis: 'legitimate-interests',
  },
} satisfies HttpPreset;

/** The banner a user sees while support staff act as them. */
export const impersonationBannerSchema = z
  .object({
    id: z.string(),
    reason: z.string(),
    startedAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
    writable: z.boolean().openapi({ description: 'Whether you let it change your workspaces (it reads only otherwise)' }),
  })
  .openapi('ImpersonationBanner');

export const toBanner = (view: { id: string; reason: string; startedAt: Date; expiresAt: Date; writable: boolean }) => ({
  ...view,
  startedAt: view.startedAt.toISOString(),
  expiresAt: view.expiresAt.toISOString(),
});
