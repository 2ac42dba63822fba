import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { auditReader } from '../../../shared/infra/audit/audit-resources.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { platform, type HttpPreset, type Privacy } from '../../../shared/platform/definition/index.ts';

/** What the audit log holds: who did what, from where (addresses pseudonymised after erasure). */
export const auditPrivacy = {
  personalData: ['identity', 'network', 'security'],
  purpose: 'keep a tamper-evident record of security- and privacy-relevant actions (accountability)',
  legalBasis: 'legal-obligation',
} satisfies Privacy;

/** Staff reading the audit log: support, the DPO and admins, with a user token. */
export const auditStaffFunction = {
  access: platform(jwt, ['support', 'dpo']),
  rateLimit: rateLimited.api,
  uses: [auditReader],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: auditPrivacy,
} satisfies HttpPreset;
