import Stripe from 'stripe';
import { defineResource } from '../../platform/resource.ts';
import { stripeConfig } from './stripe-config.ts';

/** The official Stripe SDK, pointed at stripe-mock in development. Import only where Stripe is called. */
export const stripe = defineResource({
  name: 'stripe',
  config: stripeConfig,
  create: (config) => {
    const base = new URL(config.STRIPE_API_BASE);
    return new Stripe(config.STRIPE_SECRET_KEY, {
      host: base.hostname,
      port: base.port ? Number(base.port) : undefined,
      protocol: base.protocol === 'http:' ? 'http' : 'https',
      maxNetworkRetries: 2,
      timeout: 10_000,
      telemetry: false,
    });
  },
});
