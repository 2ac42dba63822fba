import { z } from '@hono/zod-openapi';
import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import type { ErasureIds } from '../../../shared/infra/privacy/erasure-ids.ts';
import { erasureIds } from '../../../shared/infra/privacy/erasure-ids.ts';
import { erasureScheduling } from '../../../shared/infra/privacy/erasure-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, type HttpPreset } from '../../../shared/platform/definition/index.ts';
import type { ErasureStatus } from '../../../shared/privacy/index.ts';

/** What the erasure endpoints share: the caller's own account, a user token, the erasure scheduling. */
export const erasureFunction = {
  access: authenticated(jwt, 'self'),
  rateLimit: rateLimited.api,
  uses: [erasureScheduling, erasureIds],
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
    receipt: z
      .object({
        id: z.string().openapi({ example: 'era_3k9d7m2q8v1x0c4b6n5p' }),
        token: z.string(),
        url: z
          .string()
          .openapi({ description: 'Where the receipt can be read once the erasure is done (no sign-in: the account is gone)' }),
      })
      .nullable()
      .openapi({ description: 'Keep it: the only way to read the erasure receipt afterwards' }),
  })
  .openapi('ErasureStatus');

export const toErasureBody = (
  { state, requestedAt, scheduledFor, requestSeq }: ErasureStatus,
  userId: string,
  ids: ErasureIds,
): z.output<typeof erasureStatusSchema> => {
  const id = requestSeq === null ? null : ids.receiptIdOf(userId, requestSeq);
  const token = id === null ? null : ids.tokenOf(id);
  return {
    state,
    requestedAt: requestedAt?.toISOString() ?? null,
    scheduledFor: scheduledFor?.toISOString() ?? null,
    receipt: id && token ? { id, token, url: `/v1/privacy/erasure-receipts/${id}?token=${token}` } : null,
  };
};
