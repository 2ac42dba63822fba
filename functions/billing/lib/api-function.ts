import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { billingApiService } from '../../../shared/infra/billing/billing-api-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, type HttpPreset } from '../../../shared/platform/definition/index.ts';

export const billingCostTags = { team: 'billing', costCenter: 'cc-billing', tier: 'standard' } as const;

/**
 * What every Stripe-calling billing function shares: the workspace owner's `billing:manage`
 * (user tokens only: paying is a browser action, never an API key's), the checkout service.
 */
export const billingApiFunction = {
  access: authenticated(jwt, 'billing:manage'),
  rateLimit: rateLimited.api,
  uses: [billingApiService],
  costTags: billingCostTags,
  privacy: {
    personalData: ['billing'],
    purpose: 'sell plans and credit packs through Stripe and let the workspace owner manage the subscription',
    legalBasis: 'contract',
  },
} satisfies HttpPreset;
