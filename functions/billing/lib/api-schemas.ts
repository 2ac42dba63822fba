import { z } from '@hono/zod-openapi';
import { packIds } from '../../../shared/billing/plans-catalog.ts';
import type { SubscriptionState } from '../../../shared/billing/checkout-ports.ts';
import { webUrlSchema } from '../../../shared/kernel/index.ts';
import { plans } from '../../../shared/workspaces/index.ts';

/** An absolute http(s) URL; whether its origin is allowed is the service's check (RETURN_URL_NOT_ALLOWED). */
const returnUrlSchema = webUrlSchema({ http: true, max: 2048 });

export const checkoutBodySchema = z
  .union([
    z.object({ plan: z.enum(plans), successUrl: returnUrlSchema, cancelUrl: returnUrlSchema }).strict(),
    z.object({ pack: z.enum(packIds), successUrl: returnUrlSchema, cancelUrl: returnUrlSchema }).strict(),
  ])
  .openapi('BillingCheckoutRequest', { description: 'Either a plan (a subscription) or a credit pack (a one-off payment).' });

export const portalBodySchema = z.object({ returnUrl: returnUrlSchema }).openapi('BillingPortalRequest');

export const redirectSchema = z
  .object({ url: z.string().openapi({ description: 'Where to send the browser (Stripe)' }) })
  .openapi('BillingRedirect');

export const subscriptionStateSchema = z
  .object({
    subscriptionId: z.string(),
    status: z.string().openapi({ description: 'Stripe’s subscription status' }),
    cancelAtPeriodEnd: z.boolean(),
    currentPeriodEnd: z.string().nullable(),
  })
  .openapi('BillingSubscriptionState');

export const toSubscriptionStateBody = (state: SubscriptionState): z.infer<typeof subscriptionStateSchema> => ({
  ...state,
  currentPeriodEnd: state.currentPeriodEnd?.toISOString() ?? null,
});
