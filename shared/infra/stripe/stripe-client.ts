import type Stripe from 'stripe';
import { defineResource } from '../../platform/resource.ts';
import { stripeConfig } from './stripe-config.ts';
import { loadStripe } from './stripe-sdk.ts';

/** The SDK's options for our API base (stripe-mock locally, Stripe itself in production). */
export const stripeClientOptions = (apiBase: string): Stripe.StripeConfig => {
  const base = new URL(apiBase);
  return {
    host: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    protocol: base.protocol === 'http:' ? 'http' : 'https',
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
  };
};

/** The SDK client, made (and the SDK loaded) on the first call of `client()`. */
export interface StripeClient {
  client: () => Promise<Stripe>;
}

/** The official Stripe SDK, pointed at stripe-mock in development. Import only where Stripe is called. */
export const stripe = defineResource({
  name: 'stripe',
  config: stripeConfig,
  recipient: { name: 'Stripe', role: 'payments and subscriptions (processor)', transfer: 'USA (EU-US Data Privacy Framework)' },
  create: (config): StripeClient => {
    let client: Promise<Stripe> | undefined;
    const make = async () => {
      const Sdk = await loadStripe();
      return new Sdk(config.STRIPE_SECRET_KEY, stripeClientOptions(config.STRIPE_API_BASE));
    };
    return { client: () => (client ??= make()) };
  },
});
