import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';

export const stripeConfig = defineConfig({
  name: 'stripe',
  shape: {
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret or restricted key'),
    /** stripe-mock locally; unset means Stripe itself. */
    STRIPE_API_BASE: z.url().default('https://api.stripe.com'),
  },
  devDefaults: { STRIPE_SECRET_KEY: 'sk_test_uxflowdev', STRIPE_API_BASE: 'http://127.0.0.1:12111' },
});
