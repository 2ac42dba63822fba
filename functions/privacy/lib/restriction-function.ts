import { z } from '@hono/zod-openapi';
import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { auditLog } from '../../../shared/infra/audit/audit-log-resource.ts';
import { restrictions } from '../../../shared/infra/privacy/restrictions-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, type HttpPreset, type Privacy } from '../../../shared/platform/definition/index.ts';
import { optionalPurposes, restrictionKinds, type RestrictionState } from '../../../shared/privacy/index.ts';

export const restrictionPrivacy = {
  personalData: ['identity', 'network', 'content'],
  purpose: 'take and honour restrictions of and objections to processing per purpose (the rights to restriction and to object)',
  legalBasis: 'legal-obligation',
} satisfies Privacy;

/** The caller's own restrictions, with a user token. */
export const restrictionFunction = {
  access: authenticated(jwt, 'self'),
  rateLimit: rateLimited.api,
  uses: [restrictions, auditLog],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: restrictionPrivacy,
} satisfies HttpPreset;

const heldSchema = z
  .object({ kind: z.enum(restrictionKinds), since: z.string().datetime() })
  .nullable()
  .openapi('HeldRestriction', { description: 'null: processing for this purpose is not restricted' });

export const restrictionsSchema = z
  .object({
    purposes: z.object(
      Object.fromEntries(optionalPurposes.map((p) => [p, heldSchema])) as Record<(typeof optionalPurposes)[number], typeof heldSchema>,
    ),
  })
  .openapi('PrivacyRestrictions');

export const toRestrictionsBody = (state: RestrictionState): z.output<typeof restrictionsSchema> => ({
  purposes: Object.fromEntries(
    Object.entries(state).map(([purpose, held]) => [purpose, held ? { kind: held.kind, since: held.since.toISOString() } : null]),
  ) as z.output<typeof restrictionsSchema>['purposes'],
});
