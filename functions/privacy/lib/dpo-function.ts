import { z } from '@hono/zod-openapi';
import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { dpoDesk } from '../../../shared/infra/privacy/dpo-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { cursorCodec } from '../../../shared/platform/http/paging.ts';
import { platform, type HttpPreset } from '../../../shared/platform/definition/index.ts';
import { requestKinds, requestStates, type PrivacyRequest } from '../../../shared/privacy/index.ts';

/** The DPO (and admins), with a user token; every call is audited by the desk. */
export const dpoFunction = {
  access: platform(jwt, 'dpo'),
  rateLimit: rateLimited.api,
  uses: [dpoDesk],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: {
    personalData: ['identity', 'contact', 'usage', 'content', 'billing', 'network', 'security'],
    purpose: 'answer data-subject requests within their deadlines, including those received by post or e-mail (accountability)',
    legalBasis: 'legal-obligation',
  },
} satisfies HttpPreset;

export const privacyRequestSchema = z
  .object({
    id: z.string().openapi({ description: '`export:pex_…`, `erasure:usr_…:<n>` or `restriction:usr_…:<n>`' }),
    kind: z.enum(requestKinds),
    userId: z.string(),
    receivedAt: z.string().datetime(),
    deadline: z.string().datetime().openapi({ description: 'receivedAt + 30 days' }),
    overdue: z.boolean().openapi({ description: 'Not completed, failed or cancelled, and past its deadline' }),
    state: z.enum(requestStates),
    completedAt: z.string().datetime().nullable(),
    channel: z.enum(['app', 'post', 'email']),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .openapi('PrivacyRequest');

const settled = new Set(['completed', 'failed', 'cancelled']);

export const toRequestBody = (request: PrivacyRequest, now: Date): z.output<typeof privacyRequestSchema> => ({
  ...request,
  receivedAt: request.receivedAt.toISOString(),
  deadline: request.deadline.toISOString(),
  overdue: !settled.has(request.state) && request.deadline.getTime() < now.getTime(),
  completedAt: request.completedAt?.toISOString() ?? null,
});

export const requestCursor = cursorCodec(
  z.object({
    at: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }),
    id: z.string().max(200),
  }),
);
