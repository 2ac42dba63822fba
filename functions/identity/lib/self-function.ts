import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { accounts } from '../../../shared/infra/identity/accounts-resource.ts';
import { apiKeys } from '../../../shared/infra/identity/api-keys-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, type HttpPreset } from '../../../shared/platform/definition/index.ts';
import { identityCostTags } from './schemas.ts';

/** What the caller-owned account endpoints share: a user token (no API key), the accounts service. */
export const selfFunction = {
  access: authenticated(jwt, 'self'),
  uses: [accounts],
  costTags: identityCostTags,
} satisfies HttpPreset;

/** What the public auth endpoints share: no credentials, the `auth` rate-limit class. */
export const publicAuthFunction = {
  rateLimit: rateLimited.auth,
  uses: [accounts],
  costTags: identityCostTags,
} satisfies HttpPreset;

/** What every API-key function shares: owners and admins manage keys, with a user token only. */
export const apiKeyFunction = {
  access: authenticated(jwt, 'apikeys:manage'),
  rateLimit: rateLimited.api,
  uses: [apiKeys],
  costTags: { team: 'identity', costCenter: 'cc-identity', tier: 'standard' },
  privacy: { personalData: ['identity', 'usage'], purpose: 'let workspace members manage and audit API keys', legalBasis: 'contract' },
} satisfies HttpPreset;
