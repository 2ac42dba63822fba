import { z } from '@hono/zod-openapi';
import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { consents } from '../../../shared/infra/privacy/consents-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, type HttpPreset } from '../../../shared/platform/definition/index.ts';
import { consentPurposes, type ConsentState, type CurrentConsents } from '../../../shared/privacy/index.ts';

/** What the consent endpoints share: the caller's own account, a user token, the consents service. */
export const consentFunction = {
  access: authenticated(jwt, 'self'),
  rateLimit: rateLimited.api,
  uses: [consents],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: {
    personalData: ['identity', 'network'],
    purpose: 'record each person’s consent per purpose and prove it (who, when, which text, from where)',
    legalBasis: 'legal-obligation',
  },
} satisfies HttpPreset;

const purposeStateSchema = z
  .object({
    granted: z.boolean(),
    at: z.string().datetime().nullable().openapi({ description: 'When it was last set; null while never set (the default)' }),
    textVersion: z.string().nullable().openapi({ description: 'The consent text version it was set under' }),
  })
  .openapi('ConsentPurposeState');

export const consentsSchema = z
  .object({
    textVersion: z.string().openapi({ description: 'The consent text version shown now: send it back with a change' }),
    purposes: z.object(
      Object.fromEntries(consentPurposes.map((p) => [p, purposeStateSchema])) as Record<
        (typeof consentPurposes)[number],
        typeof purposeStateSchema
      >,
    ),
  })
  .openapi('Consents');

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const toPurposesBody = (state: ConsentState) =>
  Object.fromEntries(Object.entries(state).map(([purpose, held]) => [purpose, { ...held, at: iso(held.at) }])) as z.output<
    typeof consentsSchema
  >['purposes'];

export const toConsentsBody = ({ textVersion, purposes }: CurrentConsents): z.output<typeof consentsSchema> => ({
  textVersion,
  purposes: toPurposesBody(purposes),
});
