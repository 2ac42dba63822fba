import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import publishStripeEvents from '../../../functions/billing/publish-stripe-events.ts';
import { stripeEventCollection } from '../../../shared/infra/mongodb/stripe-event-store.ts';
import { securityEventCollection } from '../../../shared/infra/mongodb/security-event-store.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWebhookKit, stripeEvent, type WebhookKit } from '../../support/webhook-kit.ts';
import { named } from '../../../shared/platform/definition/index.ts';

let kit: WebhookKit;
beforeAll(async () => {
  kit = await startWebhookKit('webhook_intake');
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit.close();
});
afterEach(async () => {
  expect((await kit.reconcile()).problems).toEqual([]);
});

const stored = () => kit.db.collection(stripeEventCollection.name);
const signatureEvents = () => kit.db.collection(securityEventCollection.name).find({ type: 'webhook_signature_invalid' }).toArray();

const packCheckout = (workspaceId: string) =>
  stripeEvent('checkout.session.completed', {
    id: `cs_test_${workspaceId}`,
    object: 'checkout.session',
    mode: 'payment',
    payment_status: 'paid',
    customer: `cus_${workspaceId}`,
    payment_intent: `pi_${workspaceId}`,
    client_reference_id: workspaceId,
    metadata: { workspaceId, kind: 'pack', pack: 'pack_500' },
  });

describe('POST /v1/webhooks/stripe', () => {
  it.each([
    ['a wrong secret', { secret: 'whsec_someoneelse' }, 'INVALID_SIGNATURE'],
    ['an expired timestamp (beyond 300 s)', { timestamp: Math.floor(Date.now() / 1000) - 301 }, 'INVALID_SIGNATURE'],
    ['a malformed header', { header: 't=1,v1=deadbeef' }, 'INVALID_SIGNATURE'],
    ['no header', { header: null }, 'MISSING_SIGNATURE'],
  ] as const)(
    'should answer 400 INVALID_SIGNATURE, record a security event and store nothing when the signature has %s',
    async (_, options, reason) => {
      const before = (await signatureEvents()).length;
      const event = stripeEvent('invoice.paid', { id: 'in_test' });
      const reply = await kit.deliver(event, options);
      expect({ status: reply.status, code: reply.body.code }).toEqual({ status: 400, code: 'INVALID_SIGNATURE' });
      expect(await stored().countDocuments({ _id: event.id as never })).toBe(0);
      const recorded = await signatureEvents();
      expect(recorded).toHaveLength(before + 1);
      expect(recorded.at(-1)).toMatchObject({ ip: '203.0.113.9', details: { reason }, published: false });
    },
  );

  it('should refuse a body changed after signing', async () => {
    const event = stripeEvent('invoice.paid', { id: 'in_test' });
    const payload = JSON.stringify(event);
    const { default: Stripe } = await import('stripe');
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_uxflowtest_webhook_kit_secret' });
    const reply = await kit.deliver({ ...event, type: 'charge.refunded' }, { header });
    expect(reply.status).toBe(400);
    expect(await stored().countDocuments({ _id: event.id as never })).toBe(0);
  });

  it('should store a signed event once, unpublished, and answer 200 to every redelivery', async () => {
    const event = stripeEvent('customer.subscription.trial_will_end', { id: 'sub_x' });
    expect(await kit.deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await kit.deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(
      await stored()
        .find({ _id: event.id as never })
        .toArray(),
    ).toEqual([expect.objectContaining({ type: 'customer.subscription.trial_will_end', published: false })]);
  });

  it('should store the same event delivered 50 times at once once, publish it once, and grant its pack once', async () => {
    const workspaceId = await kit.workspace({}, { plan: 'free' });
    const event = packCheckout(workspaceId);
    const replies = await Promise.all(Array.from({ length: 50 }, () => kit.deliver(event)));
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(replies.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(await stored().countDocuments({ _id: event.id as never })).toBe(1);

    kit.received.length = 0;
    await kit.publish();
    await kit.publish();
    const published = kit.received.filter((r) => r.headers['ce-id'] === event.id);
    expect(published).toHaveLength(1);
    expect(published[0]!.headers).toMatchObject({
      'ce-type': 'com.uxflow.billing.stripe.v1',
      'ce-stripetype': 'checkout.session.completed',
    });
    expect(JSON.parse(published[0]!.body)).toMatchObject({ id: event.id, type: 'checkout.session.completed' });
    expect(await stored().findOne({ _id: event.id as never })).toMatchObject({ published: true });

    // At-least-once delivery: the broker may hand the same event to the handler many times at once.
    await Promise.all(Array.from({ length: 50 }, () => kit.handle(event)));
    const entries = await kit.db.collection('credit_ledger').find({ workspaceId }).toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ type: 'grant', amount: 500, idempotencyKey: event.id });
  });

  it('should publish a stored event from the outbox under the trace of the webhook request, its data untouched', async () => {
    const traceId = randomBytes(16).toString('hex');
    const event = stripeEvent('customer.subscription.trial_will_end', { id: 'sub_traced' });
    await kit.deliver(event, { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
    expect(await stored().findOne({ _id: event.id as never })).toMatchObject({ traceparent: expect.stringContaining(traceId) });

    kit.received.length = 0;
    await kit.publish();
    const [published] = kit.received.filter((r) => r.headers['ce-id'] === event.id);
    expect(published?.headers['ce-traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(JSON.parse(published!.body)).toEqual(event);
  });

  it('should keep stored events unpublished while the broker is down', async () => {
    const event = stripeEvent('customer.subscription.trial_will_end', { id: 'sub_y' });
    await kit.deliver(event);
    const down = { ...kit.env, BROKER_URL: 'http://127.0.0.1:9/' };
    await expect(fireCron(named(publishStripeEvents, 'functions/billing/publish-stripe-events.ts'), down)).rejects.toMatchObject({
      code: 'BROKER_UNREACHABLE',
    });
    expect(await stored().findOne({ _id: event.id as never })).toMatchObject({ published: false });
  });
});
