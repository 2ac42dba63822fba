import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import Stripe from 'stripe';
import expireGracePeriodsFunction from '../../functions/billing/expire-grace-periods.ts';
import expireTrialsFunction from '../../functions/billing/expire-trials.ts';
import grantFreeCreditsFunction from '../../functions/billing/grant-free-credits.ts';
import handleStripeEventFunction from '../../functions/billing/handle-stripe-event.ts';
import publishStripeEventsFunction from '../../functions/billing/publish-stripe-events.ts';
import stripeWebhookFunction from '../../functions/billing/stripe-webhook.ts';
import { reconcileLedger } from '../../scripts/billing-reconcile.ts';
import { stripeCloudEventType, type StripeWebhookEvent } from '../../shared/billing/webhook-event.ts';
import { named, type CronFunctionDefinition, type Named } from '../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../shared/platform/runtime.ts';
import { deliverEvent } from './deliver-event.ts';
import { fireCron } from './fire-cron.ts';
import { startWorkspaceKit } from './workspace-kit.ts';

export const webhookSecret = 'whsec_uxflowtest_webhook_kit_secret';

const expireGracePeriods = named(expireGracePeriodsFunction, 'functions/billing/expire-grace-periods.ts');
const expireTrials = named(expireTrialsFunction, 'functions/billing/expire-trials.ts');
const grantFreeCredits = named(grantFreeCreditsFunction, 'functions/billing/grant-free-credits.ts');
const handleStripeEvent = named(handleStripeEventFunction, 'functions/billing/handle-stripe-event.ts');
const publishStripeEvents = named(publishStripeEventsFunction, 'functions/billing/publish-stripe-events.ts');
const stripeWebhook = named(stripeWebhookFunction, 'functions/billing/stripe-webhook.ts');

/**
 * The webhook intake, the outbox publisher, the event handler and the crons over the local MongoDB
 * (FerretDB), a real HTTP server standing in for the broker, and deliveries signed with the Stripe
 * SDK's test helper.
 */
export const startWebhookKit = async (name: string) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const broker: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  const brokerUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`;
  const kit = await startWorkspaceKit(`it_${name}_${randomUUID().slice(0, 8)}`);
  const env = { ...kit.env, STRIPE_WEBHOOK_SECRET: webhookSecret, BROKER_URL: brokerUrl };
  const runtimes: Runtime[] = [];
  const runtimeOf = (definition: Parameters<typeof createRuntime>[0]) => {
    const runtime = createRuntime(definition, env);
    runtimes.push(runtime);
    return runtime;
  };
  const webhookApp = createHttpApp(stripeWebhook, runtimeOf(stripeWebhook)) as unknown as Hono;
  const handlerRuntime = runtimeOf(handleStripeEvent);

  /** Posts raw bytes with a `Stripe-Signature` made by the SDK's test helper (or the given header; null: none), and the given `traceparent`. */
  const deliver = async (
    event: StripeWebhookEvent,
    options: { secret?: string; timestamp?: number; header?: string | null; traceparent?: string } = {},
  ) => {
    const payload = JSON.stringify(event);
    const header =
      options.header === undefined
        ? Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? webhookSecret, timestamp: options.timestamp })
        : options.header;
    const response = await webhookApp.request('/v1/webhooks/stripe', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '203.0.113.9',
        ...(header === null ? {} : { 'stripe-signature': header }),
        ...(options.traceparent ? { traceparent: options.traceparent } : {}),
      },
      body: payload,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const tick = (definition: Named<CronFunctionDefinition>) => fireCron(definition, runtimeOf(definition));

  /**
   * Delivers a CloudEvent carrying `event` to the event function, whatever the intake stored (what
   * anything reaching the broker could send), through the catalog's schema check as in production.
   */
  const brokerDelivers = (event: StripeWebhookEvent) =>
    deliverEvent(
      handleStripeEvent,
      { id: event.id, type: stripeCloudEventType, source: '/functions/billing-publish-stripe-events', subject: event.id, data: event },
      handlerRuntime,
    );

  /** Stripe's way: the signed delivery is verified and stored by the intake, then the broker hands the event function its CloudEvent. */
  const handle = async (event: StripeWebhookEvent) => {
    const { status } = await deliver(event);
    if (status !== 200) throw new Error(`the webhook intake answered ${status}`);
    await brokerDelivers(event);
  };

  return {
    ...kit,
    env,
    received,
    deliver,
    handle,
    brokerDelivers,
    publish: () => tick(publishStripeEvents),
    expireTrials: () => tick(expireTrials),
    grantFreeCredits: () => tick(grantFreeCredits),
    expireGracePeriods: () => tick(expireGracePeriods),
    reconcile: () => reconcileLedger(kit.db),
    close: async () => {
      await kit.close();
      await Promise.all(runtimes.map((r) => r.close()));
      await new Promise((resolve) => broker.close(resolve));
    },
  };
};

export type WebhookKit = Awaited<ReturnType<typeof startWebhookKit>>;

let sequence = 0;

/** A Stripe event of `type` about `object`, created at `created` (Unix seconds; now by default). */
export const stripeEvent = (
  type: string,
  object: Record<string, unknown>,
  created = Math.floor(Date.now() / 1000),
): StripeWebhookEvent => ({
  id: `evt_test_${randomUUID().replaceAll('-', '')}_${(sequence += 1)}`,
  type,
  created,
  livemode: false,
  data: { object },
});

/** A subscription object as Stripe sends it (plan price by lookup key, period end on the item as in current API versions). */
export const subscriptionObject = (
  workspaceId: string,
  options: { id?: string; status?: string; plan?: string; periodEnd?: number; cancelAtPeriodEnd?: boolean; trialEnd?: number | null } = {},
) => ({
  id: options.id ?? 'sub_test_1',
  object: 'subscription',
  customer: 'cus_test_1',
  status: options.status ?? 'active',
  cancel_at_period_end: options.cancelAtPeriodEnd ?? false,
  trial_end: options.trialEnd ?? null,
  metadata: { workspaceId },
  items: {
    object: 'list',
    data: [
      {
        id: 'si_test_1',
        current_period_end: options.periodEnd ?? Math.floor(Date.now() / 1000) + 30 * 86400,
        price: { id: 'price_test', lookup_key: `uxflow_plan_${options.plan ?? 'pro'}_monthly` },
      },
    ],
  },
});
