import { defineResource } from '../../platform/resource.ts';
import { httpProbe } from '../http-probe.ts';
import { stripeConfig } from './stripe-config.ts';

/**
 * Reaches the Stripe API (stripe-mock locally) with our key, without the SDK: keeping Stripe out of
 * the health function's bundle keeps its cold start short.
 */
export const stripeProbe = defineResource({
  name: 'stripe-probe',
  config: stripeConfig,
  create: (config) =>
    httpProbe('stripe', new URL('/v1/balance', config.STRIPE_API_BASE).href, {
      headers: { authorization: `Bearer ${config.STRIPE_SECRET_KEY}` },
    }),
});
