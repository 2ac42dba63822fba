import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { accounts } from '../../../shared/infra/identity/accounts-resource.ts';
import { identityCostTags } from './schemas.ts';
import { rateLimiter } from '../../../shared/infra/upstash/rate-limiter-resource.ts';

/** What the caller-owned account endpoints share: a user token (no API key), the accounts service. */
export const selfFunction = {
  domain: 'identity',
  access: { type: 'authenticated', credentials: ['jwt'], permission: 'self' },
  authenticator: jwtAuthenticator,
  uses: [accounts],
  costTags: identityCostTags,
} as const;

/** What the public auth endpoints share: no credentials, the `auth` rate-limit class. */
export const publicAuthFunction = {
  domain: 'identity',
  rateLimit: 'auth',
  rateLimiter,
  uses: [accounts],
  costTags: identityCostTags,
} as const;
