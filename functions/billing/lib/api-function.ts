import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { billingApiService } from '../../../shared/infra/billing/billing-api-resource.ts';
import { rateLimiter } from '../../../shared/infra/upstash/rate-limiter-resource.ts';

export const billingCostTags = { team: 'billing', costCenter: 'cc-billing', tier: 'standard' } as const;

/**
 * What every Stripe-calling billing function shares: the workspace owner's `billing:manage`
 * (user tokens only: paying is a browser action, never an API key's), the checkout service.
 */
export const billingApiFunction = {
  domain: 'billing',
  authenticator: jwtAuthenticator,
  rateLimit: 'api',
  rateLimiter,
  uses: [billingApiService],
  costTags: billingCostTags,
  access: { type: 'authenticated', credentials: ['jwt'], permission: 'billing:manage' },
  privacy: {
    personalData: ['billing'],
    purpose: 'sell plans and credit packs through Stripe and let the workspace owner manage the subscription',
    legalBasis: 'contract',
  },
} as const;
