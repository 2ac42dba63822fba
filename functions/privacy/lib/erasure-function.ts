import { z } from '@hono/zod-openapi';
import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { erasureScheduling } from '../../../shared/infra/privacy/erasure-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, type HttpPreset } from '../../../shared/platform/definition/index.ts';
import type { ErasureStatus } from '../../../shared/privacy/index.ts';

/** What the erasure endpoints share: the caller's own account, a user token, the erasure scheduling. */
export const erasureFunction = {
  access: authenticated(jwt, 'self'),
  rateLimit: rateLimited.api,
  uses: [erasureScheduling],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: {
    personalData: ['identity', 'network'],
    purpose: 'take, show and cancel requests to erase an account (the right to erasure, with a 30-day grace)',
    legalBasis: 'legal-obligation',
  },
} satisfies HttpPreset;

export const erasureStatusSchema = z
  .object({
    state: z.enum(['none', 'scheduled']),
    requestedAt: z.string().datetime().nullable(),
    scheduledFor: z.string().datetime().nullable().openapi({ description: 'When the account is erased, unless cancelled before' }),
  })
  .openapi('ErasureStatus');

export const toErasureBody = ({ state, requestedAt, scheduledFor }: ErasureStatus): z.output<typeof erasureStatusSchema> => ({
  state,
  requestedAt: requestedAt?.toISOString() ?? null,
  scheduledFor: scheduledFor?.toISOString() ?? null,
});
