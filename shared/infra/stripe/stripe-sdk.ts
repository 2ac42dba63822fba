import type Stripe from 'stripe';

/**
 * The Stripe SDK, loaded on first need: it is large (~240 KB, an external of the bundles), and a
 * function pays for it only when it calls Stripe or checks a webhook signature, not at cold start.
 */
export const loadStripe = async (): Promise<typeof Stripe> => (await import('stripe')).default;
