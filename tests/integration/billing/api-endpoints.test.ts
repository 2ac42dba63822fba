import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cancelSubscription from '../../../functions/billing/cancel-subscription.ts';
import createCheckout from '../../../functions/billing/create-checkout.ts';
import createPortalSession from '../../../functions/billing/create-portal-session.ts';
import listPlans from '../../../functions/billing/list-plans.ts';
import resumeSubscription from '../../../functions/billing/resume-subscription.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { billingAccountCollection } from '../../../shared/infra/mongodb/billing-account-store.ts';
import { createSubscriptionSnapshotStore } from '../../../shared/infra/mongodb/subscription-snapshot-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

/** The Stripe-calling billing endpoints over FerretDB and stripe-mock, through their real Hono apps. */
let kit: WorkspaceKit;
let owner: TestUser, admin: TestUser, editor: TestUser, viewer: TestUser, stranger: TestUser;
const runtimes: Runtime[] = [];

const web = 'http://localhost:5173';
const urls = { successUrl: `${web}/billing/done`, cancelUrl: `${web}/billing` };

beforeAll(async () => {
  const stripeEnv = await ensureServices({ only: ['stripe'] });
  kit = await startWorkspaceKit('it_billing_api_endpoints');
  // The kit's functions are created on first call with this (production-mode) env: add Stripe's variables.
  Object.assign(kit.env, stripeEnv, { BILLING_RETURN_URL_ORIGINS: `${web},https://app.uxflow.test` });
  ({ owner, admin, editor, viewer, stranger } = await kit.users('owner', 'admin', 'editor', 'viewer', 'stranger'));
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit.close();
  await Promise.all(runtimes.map((r) => r.close()));
});

/** A fresh workspace per test, so billing accounts and snapshots never leak between tests. */
const team = () => kit.workspace({ owner: [owner], admin: [admin], editor: [editor], viewer: [viewer] }, { plan: 'free' });
const checkout = (ws: string, body: unknown, as = owner) =>
  kit.call(createCheckout, `/v1/workspaces/${ws}/billing/checkout`, as, { method: 'POST', body });
const accountsOf = (ws: string) =>
  kit.db
    .collection(billingAccountCollection.name)
    .find({ _id: ws as never })
    .toArray();

const subscribe = async (workspaceId: string, stripeStatus = 'active') => {
  const subscriptionId = newId('sub');
  await createSubscriptionSnapshotStore(kit.db).insert({
    workspaceId,
    subscriptionId,
    stripeStatus,
    plan: 'pro',
    currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
    cancelAtPeriodEnd: false,
    trialEnd: null,
    graceEndsAt: null,
    observedAt: new Date(),
    eventId: newId('evt'),
  });
  return subscriptionId;
};

describe('GET /v1/billing/plans', () => {
  it('should answer the catalog without credentials when anyone asks, cacheable', async () => {
    const runtime = createRuntime(named(listPlans, 'functions/billing/list-plans.ts'), kit.env);
    runtimes.push(runtime);
    const response = await createHttpApp(listPlans, runtime).request('/v1/billing/plans', { headers: { 'x-forwarded-for': '192.0.2.40' } });
    const body = (await response.json()) as {
      plans: { plan: string; monthlyPriceCents: number; creditsPerMonth: number }[];
      packs: unknown[];
    };

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=3600');
    expect(body.plans.map((p) => [p.plan, p.monthlyPriceCents, p.creditsPerMonth])).toEqual([
      ['free', 0, 100],
      ['basic', 2900, 1000],
      ['pro', 9900, 5000],
      ['enterprise', 49900, 25000],
    ]);
    expect(body.packs).toEqual([
      { id: 'pack_500', credits: 500, priceCents: 1000, validityMonths: 12 },
      { id: 'pack_2000', credits: 2000, priceCents: 3500, validityMonths: 12 },
      { id: 'pack_5000', credits: 5000, priceCents: 7500, validityMonths: 12 },
    ]);
  });
});

describe('POST /v1/workspaces/{workspaceId}/billing/checkout', () => {
  it.each([[{ plan: 'pro' }], [{ plan: 'basic' }], [{ pack: 'pack_2000' }]])(
    'should answer a Checkout URL when the owner buys %j',
    async (item) => {
      const ws = await team();
      const reply = await checkout(ws, { ...item, ...urls });

      expect(reply.status).toBe(200);
      expect(reply.body?.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
      expect(await accountsOf(ws)).toHaveLength(1);
    },
  );

  it.each([['free'], ['enterprise']])('should refuse with 422 PLAN_NOT_PURCHASABLE when the plan is %s', async (plan) => {
    const ws = await team();
    expect(outcome(await checkout(ws, { plan, ...urls }))).toEqual({ status: 422, code: 'PLAN_NOT_PURCHASABLE' });
    expect(await accountsOf(ws)).toHaveLength(0);
  });

  it.each([
    ['successUrl', { successUrl: 'https://evil.example/phish' }],
    ['cancelUrl', { cancelUrl: 'https://localhost:5173/billing' }],
    ['cancelUrl', { cancelUrl: 'http://localhost:5173@evil.example/' }],
    ['successUrl', { successUrl: 'http://localhost:5174/billing' }],
  ])('should refuse with 400 RETURN_URL_NOT_ALLOWED when %s is off the allow-list (%j)', async (field, bad) => {
    const ws = await team();
    const reply = await checkout(ws, { plan: 'pro', ...urls, ...bad });

    expect(outcome(reply)).toEqual({ status: 400, code: 'RETURN_URL_NOT_ALLOWED' });
    expect(reply.body?.field).toBe(field);
  });

  it.each([
    ['an unknown pack', { pack: 'pack_999', ...urls }],
    ['both a plan and a pack', { plan: 'pro', pack: 'pack_500', ...urls }],
    ['neither', urls],
    ['a relative URL', { plan: 'pro', successUrl: '/billing/done', cancelUrl: urls.cancelUrl }],
  ])('should refuse with 400 VALIDATION_FAILED when the body names %s', async (_what, body) => {
    expect(outcome(await checkout(await team(), body))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('should refuse a plan with 409 SUBSCRIPTION_EXISTS when a subscription is in force, but still sell packs', async () => {
    const ws = await team();
    await subscribe(ws);

    expect(outcome(await checkout(ws, { plan: 'basic', ...urls }))).toEqual({ status: 409, code: 'SUBSCRIPTION_EXISTS' });
    expect((await checkout(ws, { pack: 'pack_500', ...urls })).status).toBe(200);
  });

  it('should sell a plan again when the last subscription was canceled', async () => {
    const ws = await team();
    await subscribe(ws, 'canceled');
    expect((await checkout(ws, { plan: 'pro', ...urls })).status).toBe(200);
  });

  it('should store one Stripe customer when two checkouts start at once and keep it for later ones', async () => {
    const ws = await team();
    const replies = await Promise.all([checkout(ws, { plan: 'pro', ...urls }), checkout(ws, { pack: 'pack_500', ...urls })]);
    const [first] = await accountsOf(ws);
    await checkout(ws, { pack: 'pack_5000', ...urls });

    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(await accountsOf(ws)).toEqual([first]);
    expect(first?.customerId).toMatch(/^cus_/);
  });

  it.each([
    ['admin', () => admin, 403, 'FORBIDDEN'],
    ['editor', () => editor, 403, 'FORBIDDEN'],
    ['viewer', () => viewer, 403, 'FORBIDDEN'],
    ['a stranger', () => stranger, 404, 'WORKSPACE_NOT_FOUND'],
  ])('should refuse when %s asks (billing:manage is the owner’s)', async (_who, as, status) => {
    const ws = await team();
    const reply = await checkout(ws, { plan: 'pro', ...urls }, as());

    expect(reply.status).toBe(status);
    expect(await accountsOf(ws)).toHaveLength(0);
  });
});

describe('POST /v1/workspaces/{workspaceId}/billing/portal', () => {
  const portal = (ws: string, returnUrl: string, as = owner) =>
    kit.call(createPortalSession, `/v1/workspaces/${ws}/billing/portal`, as, { method: 'POST', body: { returnUrl } });

  it('should answer a portal URL and create the customer when the workspace has none yet', async () => {
    const ws = await team();
    const reply = await portal(ws, `${web}/settings/billing`);

    expect(reply.status).toBe(200);
    expect(typeof reply.body?.url).toBe('string');
    expect(await accountsOf(ws)).toHaveLength(1);
  });

  it('should refuse with 400 RETURN_URL_NOT_ALLOWED when returnUrl is elsewhere', async () => {
    expect(outcome(await portal(await team(), 'https://evil.example/'))).toEqual({ status: 400, code: 'RETURN_URL_NOT_ALLOWED' });
  });

  it('should refuse with 403 when the admin asks', async () => {
    expect((await portal(await team(), `${web}/settings/billing`, admin)).status).toBe(403);
  });
});

describe('POST …/billing/cancel and …/billing/resume', () => {
  const cancel = (ws: string, as = owner) => kit.call(cancelSubscription, `/v1/workspaces/${ws}/billing/cancel`, as, { method: 'POST' });
  const resume = (ws: string, as = owner) => kit.call(resumeSubscription, `/v1/workspaces/${ws}/billing/resume`, as, { method: 'POST' });

  it('should set and clear cancel-at-period-end on the subscription in force', async () => {
    const ws = await team();
    const subscriptionId = await subscribe(ws);

    const canceled = await cancel(ws);
    const resumed = await resume(ws);

    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ subscriptionId, cancelAtPeriodEnd: true });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ subscriptionId, cancelAtPeriodEnd: false });
  });

  it.each([
    ['cancel', 'none', cancel],
    ['resume', 'none', resume],
    ['cancel', 'canceled', cancel],
    ['resume', 'incomplete_expired', resume],
  ])('should refuse %s with 409 NO_SUBSCRIPTION when the last subscription is %s', async (_what, status, call) => {
    const ws = await team();
    if (status !== 'none') await subscribe(ws, status);
    expect(outcome(await call(ws))).toEqual({ status: 409, code: 'NO_SUBSCRIPTION' });
  });

  it.each([
    ['viewer', () => viewer, 403],
    ['admin', () => admin, 403],
    ['a stranger', () => stranger, 404],
  ])('should refuse when %s asks to cancel', async (_who, as, status) => {
    const ws = await team();
    await subscribe(ws);
    expect((await cancel(ws, as())).status).toBe(status);
  });
});
