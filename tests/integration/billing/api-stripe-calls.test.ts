import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootstrapClient, bootstrapStripeCatalog } from '../../../scripts/stripe-bootstrap.ts';
import { migrate } from '../../../scripts/db/migrate.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { createCheckoutService, type CheckoutService } from '../../../shared/billing/checkout-service.ts';
import { catalogPrices } from '../../../shared/billing/plans-catalog.ts';
import { createBillingAccountStore } from '../../../shared/infra/mongodb/billing-account-store.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { createSubscriptionSnapshotStore } from '../../../shared/infra/mongodb/subscription-snapshot-store.ts';
import { createStripePayments } from '../../../shared/infra/stripe/stripe-payments.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

/**
 * What the checkout service and the bootstrap script send to Stripe: the real SDK against
 * stripe-mock, its methods watched with spies (stripe-mock is stateless, so what was sent is what we check).
 */
const database = 'it_billing_api_stripe_calls';
const web = 'http://localhost:5173';
let runtime: Runtime;
let stripe: Stripe;
let service: CheckoutService;

beforeAll(async () => {
  const services = await ensureServices({ only: ['mongodb', 'stripe'] });
  runtime = createRuntime(
    { name: 'billing-api-it', uses: [mongo] },
    { ...services, APP_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_DB: database },
  );
  await runtime.use(mongo).db.dropDatabase();
  await migrate(services.MONGODB_URI!, database);
  stripe = bootstrapClient({ ...services, APP_ENV: 'test' });
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});
beforeEach(() => {
  vi.restoreAllMocks();
  const { db } = runtime.use(mongo);
  service = createCheckoutService({
    accounts: createBillingAccountStore(db),
    subscriptions: createSubscriptionSnapshotStore(db),
    payments: createStripePayments(stripe),
    returnUrlOrigins: [web],
    clock: { now: () => new Date() },
  });
});

const urls = { successUrl: `${web}/done`, cancelUrl: `${web}/billing` };

describe('the checkout service against stripe-mock', () => {
  it('should open a subscription Checkout for the plan’s price, naming the workspace, when a plan is bought', async () => {
    const ws = newId('wsp');
    const lookup = vi.spyOn(stripe.prices, 'list');
    const create = vi.spyOn(stripe.checkout.sessions, 'create');

    await service.checkout(ws, { item: { plan: 'pro' }, ...urls });
    const priceId = ((await lookup.mock.results[0]!.value) as Stripe.ApiList<Stripe.Price>).data[0]!.id;

    expect(lookup.mock.calls[0]![0]).toMatchObject({ lookup_keys: ['uxflow_plan_pro_monthly'], active: true });
    expect(create.mock.calls[0]![0]).toMatchObject({
      mode: 'subscription',
      line_items: [{ price: priceId, quantity: 1 }],
      success_url: urls.successUrl,
      cancel_url: urls.cancelUrl,
      client_reference_id: ws,
      metadata: { workspaceId: ws, kind: 'plan', plan: 'pro' },
      subscription_data: { metadata: { workspaceId: ws, kind: 'plan', plan: 'pro' } },
    });
  });

  it('should open a payment Checkout carrying the pack and its credits when a pack is bought', async () => {
    const ws = newId('wsp');
    const lookup = vi.spyOn(stripe.prices, 'list');
    const create = vi.spyOn(stripe.checkout.sessions, 'create');

    await service.checkout(ws, { item: { pack: 'pack_5000' }, ...urls });

    const metadata = { workspaceId: ws, kind: 'pack', packId: 'pack_5000', credits: '5000', validityMonths: '12' };
    expect(lookup.mock.calls[0]![0]).toMatchObject({ lookup_keys: ['uxflow_pack_5000'] });
    expect(create.mock.calls[0]![0]).toMatchObject({
      mode: 'payment',
      client_reference_id: ws,
      metadata,
      payment_intent_data: { metadata },
    });
  });

  it('should create the customer under one idempotency key and store it once when checkouts race', async () => {
    const ws = newId('wsp');
    const customers = vi.spyOn(stripe.customers, 'create');

    const results = await Promise.all([1, 2, 3].map(() => service.checkout(ws, { item: { pack: 'pack_500' }, ...urls })));
    const calls = customers.mock.calls.length;
    await service.portal(ws, `${web}/settings`);
    const stored = await createBillingAccountStore(runtime.use(mongo).db).find(ws);

    expect(results).toHaveLength(3);
    expect(calls).toBeGreaterThanOrEqual(1);
    for (const [params, options] of customers.mock.calls) {
      expect(params).toEqual({ metadata: { workspaceId: ws } });
      expect(options).toEqual({ idempotencyKey: `customer:${ws}` });
    }
    // Once stored, the customer is reused: the portal created none.
    expect(customers.mock.calls).toHaveLength(calls);
    expect(
      await runtime
        .use(mongo)
        .db.collection('billing_accounts')
        .countDocuments({ _id: ws as never }),
    ).toBe(1);
    expect(stored?.customerId).toMatch(/^cus_/);
  });

  it('should answer 503 PRICE_NOT_CONFIGURED when Stripe has no price with the lookup key', async () => {
    vi.spyOn(stripe.prices, 'list').mockResolvedValue({ object: 'list', data: [], has_more: false, url: '/v1/prices' } as never);
    await expect(service.checkout(newId('wsp'), { item: { plan: 'basic' }, ...urls })).rejects.toMatchObject({
      code: 'PRICE_NOT_CONFIGURED',
      kind: 'unavailable',
    });
  });

  it('should answer 503 PAYMENT_PROVIDER_UNAVAILABLE when Stripe cannot be reached', async () => {
    const unreachable = new Stripe('sk_test_uxflowdev', { host: '127.0.0.1', port: 9, protocol: 'http', maxNetworkRetries: 0 });
    const { db } = runtime.use(mongo);
    const offline = createCheckoutService({
      accounts: createBillingAccountStore(db),
      subscriptions: createSubscriptionSnapshotStore(db),
      payments: createStripePayments(unreachable),
      returnUrlOrigins: [web],
      clock: { now: () => new Date() },
    });
    await expect(offline.portal(newId('wsp'), `${web}/settings`)).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
  });
});

describe('scripts/stripe-bootstrap.ts', () => {
  it('should create every catalog price with its lookup key when the account has none (stripe-mock)', async () => {
    const create = vi.spyOn(stripe.prices, 'create');
    const outcomes = await bootstrapStripeCatalog(stripe);

    expect(outcomes.map((o) => [o.lookupKey, o.action])).toEqual(catalogPrices().map((p) => [p.lookupKey, 'created']));
    expect(create.mock.calls.map(([params]) => [params.lookup_key, params.unit_amount, params.recurring?.interval ?? null])).toEqual([
      ['uxflow_plan_basic_monthly', 2900, 'month'],
      ['uxflow_plan_pro_monthly', 9900, 'month'],
      ['uxflow_plan_enterprise_monthly', 49900, 'month'],
      ['uxflow_pack_500', 1000, null],
      ['uxflow_pack_2000', 3500, null],
      ['uxflow_pack_5000', 7500, null],
    ]);
    expect(create.mock.calls.every(([, options]) => options?.idempotencyKey?.startsWith('uxflow-bootstrap:price:'))).toBe(true);
  });

  it('should keep a matching price and replace one whose amount changed, transferring the lookup key', async () => {
    const [pro, pack] = catalogPrices().filter((p) => p.lookupKey === 'uxflow_plan_pro_monthly' || p.lookupKey === 'uxflow_pack_500');
    const existing = (lookupKey: string, amount: number, interval: 'month' | null) =>
      ({
        object: 'list',
        has_more: false,
        url: '/v1/prices',
        data: [
          {
            id: `price_${lookupKey}`,
            active: true,
            lookup_key: lookupKey,
            currency: 'usd',
            unit_amount: amount,
            recurring: interval ? { interval } : null,
            product: 'prod_x',
          },
        ],
      }) as never;
    vi.spyOn(stripe.prices, 'list')
      .mockResolvedValueOnce(existing(pro!.lookupKey, 9900, 'month'))
      .mockResolvedValueOnce(existing(pack!.lookupKey, 900, null));
    const create = vi.spyOn(stripe.prices, 'create');

    const outcomes = await bootstrapStripeCatalog(stripe, [pro!, pack!]);

    expect(outcomes.map((o) => o.action)).toEqual(['kept', 'replaced']);
    expect(create.mock.calls).toHaveLength(1);
    expect(create.mock.calls[0]![0]).toMatchObject({ lookup_key: 'uxflow_pack_500', unit_amount: 1000, transfer_lookup_key: true });
  });
});
