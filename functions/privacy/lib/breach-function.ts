import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { breachRegister } from '../../../shared/infra/privacy/breach-resources.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { platform, type HttpPreset } from '../../../shared/platform/definition/index.ts';

/** The breach register's endpoints: the DPO (admins pass every role check), with a user token. */
export const breachFunction = {
  access: platform(jwt, 'dpo'),
  rateLimit: rateLimited.api,
  uses: [breachRegister],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: {
    personalData: ['identity', 'usage', 'content'],
    purpose: 'keep the register of personal-data breaches, assess whom they affect and draft the notices (GDPR Art. 33 and 34)',
    legalBasis: 'legal-obligation',
  },
} satisfies HttpPreset;
