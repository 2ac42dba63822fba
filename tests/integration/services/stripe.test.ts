import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureServices } from '../../../scripts/services/index.ts';
import { requiredEnv, servicesHookTimeoutMs } from '../../support/required-env.ts';

let stripe: Stripe;

beforeAll(async () => {
  const env = await ensureServices({ only: ['stripe'] });
  const apiBase = new URL(requiredEnv(env, 'STRIPE_API_BASE'));
  const protocol = apiBase.protocol === 'https:' ? 'https' : 'http';
  stripe = new Stripe(requiredEnv(env, 'STRIPE_SECRET_KEY'), {
    host: apiBase.hostname,
    port: Number(apiBase.port || (protocol === 'https' ? 443 : 80)),
    protocol,
    maxNetworkRetries: 0,
  });
}, servicesHookTimeoutMs);

describe('stripe-mock through the stripe SDK', () => {
  it('should create a customer when it is created with an email and metadata', async () => {
    const customer = await stripe.customers.create({
      email: 'owner@example.test',
      name: 'Workspace Owner',
      metadata: { workspaceId: 'ws_123', plan: 'team' },
    });

    expect(customer.id).toMatch(/^cus_/);
    expect(customer.object).toBe('customer');
    // stripe-mock validates the metadata but echoes only scalar parameters, never hashes.
    expect(customer).toMatchObject({ email: 'owner@example.test', name: 'Workspace Owner', metadata: {} });
  });

  it('should reject with a 400 invalid request error when a parameter is unknown', async () => {
    const params = { email: 'owner@example.test', not_a_parameter: 'x' } as Stripe.CustomerCreateParams;

    await expect(stripe.customers.create(params)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
    });
  });
});
