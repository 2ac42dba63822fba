import type Stripe from 'stripe';
import { defineResource } from '../../platform/resource.ts';
import { stripeConfig } from './stripe-config.ts';
import { loadStripe } from './stripe-sdk.ts';

/** The SDK client, made (and the SDK loaded) on the first call of `client()`. */
export interface StripeClient {
  client: () => Promise<Stripe>;
}

/** The official Stripe SDK, pointed at stripe-mock in development. Import only where Stripe is called. */
export const stripe = defineResource({
  name: 'stripe',
  config: stripeConfig,
  create: (config): StripeClient => {
    let client: Promise<Stripe> | undefined;
    const make = async () => {
      const Sdk = await loadStripe();
      const base = new URL(config.STRIPE_API_BASE);
      return new Sdk(config.STRIPE_SECRET_KEY, {
        host: base.hostname,
        port: base.port ? Number(base.port) : undefined,
        protocol: base.protocol === 'http:' ? 'http' : 'https',
        maxNetworkRetries: 2,
        timeout: 10_000,
        telemetry: false,
      });
    };
    return { client: () => (client ??= make()) };
  },
});
