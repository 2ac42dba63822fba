import { planLimits } from '../workspaces/index.ts';
import type { BillingAccounts, SubscriptionSnapshot, SubscriptionSnapshots } from './billing-account.ts';
import type { Ledger } from './ledger-service.ts';
import type { PackPurchases } from './subscription-ports.ts';
import { gracePeriodMs } from './subscription-state.ts';
import type { SubscriptionSync } from './subscription-sync.ts';
import { webhookErrors } from './webhook-errors.ts';
import type { StripeEventStore, StripeWebhookEvent } from './webhook-event.ts';
import {
  chargeObjectSchema,
  checkoutSessionObjectSchema,
  invoiceMetadataOf,
  invoiceObjectSchema,
  invoiceSubscriptionOf,
  parseObject,
  planOf,
  subscriptionObjectSchema,
} from './webhook-objects.ts';
import { packCreditsOf, packExpiryOf } from './webhook-packs.ts';

export interface StripeEventHandlerPorts {
  /** The verified events the webhook stored: the only source of what a delivery asks for. */
  events: Pick<StripeEventStore, 'find'>;
  accounts: BillingAccounts;
  snapshots: SubscriptionSnapshots;
  sync: Pick<SubscriptionSync, 'record'>;
  ledger: Pick<Ledger, 'grantPlanCredits' | 'grantPack' | 'refundPack'>;
  packPurchases: PackPurchases;
  log: {
    info: (fields: Record<string, unknown>, message: string) => void;
    warn: (fields: Record<string, unknown>, message: string) => void;
  };
}

/** What a handler did with an event (logged); `unverified`: no event with that id was stored, so nothing was done. */
export type HandlingOutcome = 'applied' | 'ignored' | 'unverified';

const timeOf = (event: StripeWebhookEvent) => new Date(event.created * 1000);
const dunning = new Set(['past_due', 'unpaid']);
/**
 * The invoices that open a billing period: the first and each renewal. Prorations of a plan change,
 * manual and threshold invoices bill within a period, so they must not refill its credits.
 */
const periodReasons = new Set(['subscription_create', 'subscription_cycle']);

/**
 * Applies a Stripe event to billing state and credits. Every branch is idempotent under the event
 * id (a snapshot per event, ledger keys from the event or invoice id) and safe out of order
 * (snapshots carry the event time; the state in force is the latest).
 */
export const createStripeEventHandler = ({ events, accounts, snapshots, sync, ledger, packPurchases, log }: StripeEventHandlerPorts) => {
  const actorOf = (event: StripeWebhookEvent) => `stripe:${event.id}`;

  /** The workspace from the object's metadata, else from its customer's billing account. */
  const workspaceOf = async (metadata: Record<string, string>, customerId: string | null, what: string) => {
    if (metadata.workspaceId) return metadata.workspaceId;
    const account = customerId ? await accounts.findByCustomer(customerId) : null;
    // Its checkout event may not have been applied yet: the broker redelivers this one later.
    if (!account) throw webhookErrors.notYet(`No workspace is linked to the customer of ${what} yet.`);
    return account.workspaceId;
  };

  const onCheckoutCompleted = async (event: StripeWebhookEvent): Promise<HandlingOutcome> => {
    const session = parseObject(checkoutSessionObjectSchema, event.data.object, 'checkout session');
    const workspaceId = session.metadata.workspaceId ?? session.client_reference_id;
    if (!workspaceId) throw webhookErrors.invalidEvent(`Checkout session ${session.id} names no workspace.`);
    if (session.customer) await accounts.insert({ workspaceId, customerId: session.customer, createdAt: timeOf(event) });
    if (session.mode !== 'payment') return 'applied'; // A subscription: its own events carry the state.
    if (session.payment_status !== 'paid') return 'ignored';
    const credits = packCreditsOf(session.metadata);
    if (session.payment_intent) {
      await packPurchases.insert({
        paymentId: session.payment_intent,
        workspaceId,
        packId: session.id,
        credits,
        purchasedAt: timeOf(event),
      });
    }
    const pack = { packId: session.id, credits, expiresAt: packExpiryOf(timeOf(event)) };
    await ledger.grantPack(workspaceId, pack, event.id, actorOf(event));
    return 'applied';
  };

  const onSubscriptionChanged = async (event: StripeWebhookEvent): Promise<HandlingOutcome> => {
    const subscription = parseObject(subscriptionObjectSchema, event.data.object, 'subscription');
    const workspaceId = await workspaceOf(subscription.metadata, subscription.customer, `subscription ${subscription.id}`);
    const previous = await snapshots.current(workspaceId);
    const sameSubscription = previous?.subscriptionId === subscription.id ? previous : null;
    const status = event.type === 'customer.subscription.deleted' ? 'canceled' : subscription.status;
    const plan = planOf(subscription.items, subscription.metadata) ?? (status === 'canceled' ? (sameSubscription?.plan ?? 'free') : null);
    if (!plan) throw webhookErrors.unknownPlan(`Subscription ${subscription.id} has no uxflow plan price.`);
    const observedAt = timeOf(event);
    // A failed payment keeps the grace its first failure started.
    const graceEndsAt = dunning.has(status) ? (sameSubscription?.graceEndsAt ?? new Date(observedAt.getTime() + gracePeriodMs)) : null;
    await sync.record({
      workspaceId,
      subscriptionId: subscription.id,
      stripeStatus: status,
      plan,
      currentPeriodEnd: subscription.current_period_end ?? subscription.items[0]?.current_period_end ?? null,
      cancelAtPeriodEnd: subscription.cancel_at_period_end ?? false,
      trialEnd: subscription.trial_end,
      graceEndsAt,
      observedAt,
      eventId: event.id,
    });
    return 'applied';
  };

  const onTrialWillEnd = async (event: StripeWebhookEvent): Promise<HandlingOutcome> => {
    const subscription = parseObject(subscriptionObjectSchema, event.data.object, 'subscription');
    const workspaceId = await workspaceOf(subscription.metadata, subscription.customer, `subscription ${subscription.id}`);
    // Stripe mails the customer itself; we only log it (no state changes until the trial really ends).
    log.info({ workspaceId, subscriptionId: subscription.id, trialEnd: subscription.trial_end }, 'stripe trial ends in 3 days');
    return 'applied';
  };

  const invoiceContext = async (event: StripeWebhookEvent) => {
    const invoice = parseObject(invoiceObjectSchema, event.data.object, 'invoice');
    const subscriptionId = invoiceSubscriptionOf(invoice);
    if (!subscriptionId) return null; // A one-off invoice: no plan involved.
    const workspaceId = await workspaceOf(invoiceMetadataOf(invoice), invoice.customer, `invoice ${invoice.id}`);
    const current = await snapshots.current(workspaceId);
    const previous = current?.subscriptionId === subscriptionId ? current : null;
    const plan = planOf(invoice.lines, invoiceMetadataOf(invoice)) ?? previous?.plan ?? null;
    // The subscription's own event names the plan; until it is applied, this one waits.
    if (!plan) throw webhookErrors.notYet(`The plan of invoice ${invoice.id} is not known yet.`);
    return { invoice, subscriptionId, workspaceId, previous, plan };
  };

  const onInvoicePaid = async (event: StripeWebhookEvent): Promise<HandlingOutcome> => {
    // Checked first: an invoice that grants nothing need not wait for its plan to be known.
    const { billing_reason: reason } = parseObject(invoiceObjectSchema, event.data.object, 'invoice');
    if (!periodReasons.has(reason ?? '')) return 'ignored';
    const context = await invoiceContext(event);
    if (!context) return 'ignored';
    const { invoice, workspaceId, plan } = context;
    const credits = planLimits[plan].creditsPerMonth;
    await ledger.grantPlanCredits(workspaceId, credits, `invoice:${invoice.id}`, actorOf(event), `${plan} plan, invoice ${invoice.id}`);
    return 'applied';
  };

  const onPaymentFailed = async (event: StripeWebhookEvent): Promise<HandlingOutcome> => {
    const context = await invoiceContext(event);
    if (!context) return 'ignored';
    const { subscriptionId, workspaceId, previous, plan } = context;
    const observedAt = timeOf(event);
    const snapshot: SubscriptionSnapshot = {
      workspaceId,
      subscriptionId,
      stripeStatus: 'past_due',
      plan,
      currentPeriodEnd: previous?.currentPeriodEnd ?? null,
      cancelAtPeriodEnd: previous?.cancelAtPeriodEnd ?? false,
      trialEnd: previous?.trialEnd ?? null,
      graceEndsAt:
        previous && dunning.has(previous.stripeStatus) && previous.graceEndsAt
          ? previous.graceEndsAt
          : new Date(observedAt.getTime() + gracePeriodMs),
      observedAt,
      eventId: event.id,
    };
    await sync.record(snapshot);
    return 'applied';
  };

  const onChargeRefunded = async (event: StripeWebhookEvent): Promise<HandlingOutcome> => {
    const charge = parseObject(chargeObjectSchema, event.data.object, 'charge');
    const purchase = charge.payment_intent ? await packPurchases.findByPayment(charge.payment_intent) : null;
    if (!purchase) {
      // A pack's payment whose checkout event is not applied yet waits; any other charge is not ours to undo.
      if (charge.metadata.kind === 'pack') throw webhookErrors.notYet(`The pack paid by charge ${charge.id} is not known yet.`);
      return 'ignored';
    }
    await ledger.refundPack(purchase.workspaceId, purchase.packId, event.id, actorOf(event));
    return 'applied';
  };

  const handlers: Record<string, (event: StripeWebhookEvent) => Promise<HandlingOutcome>> = {
    'checkout.session.completed': onCheckoutCompleted,
    'customer.subscription.created': onSubscriptionChanged,
    'customer.subscription.updated': onSubscriptionChanged,
    'customer.subscription.deleted': onSubscriptionChanged,
    'customer.subscription.trial_will_end': onTrialWillEnd,
    'invoice.paid': onInvoicePaid,
    'invoice.payment_failed': onPaymentFailed,
    'charge.refunded': onChargeRefunded,
  };

  const apply = async (event: StripeWebhookEvent): Promise<HandlingOutcome> => {
    const handler = handlers[event.type];
    return handler ? handler(event) : 'ignored';
  };

  return {
    /**
     * Applies the stored event with that id (a delivery names an event, it does not describe one:
     * whatever reaches the broker, only what the webhook verified and stored is acted on); other
     * Stripe types are ignored. Throws to have the broker redeliver (see `webhookErrors.notYet`).
     */
    handleStored: async (eventId: string): Promise<HandlingOutcome> => {
      const event = await events.find(eventId);
      if (!event) {
        // The publisher only publishes stored events, so this was not sent by it.
        log.warn({ stripeEventId: eventId }, 'stripe event not stored: delivery ignored');
        return 'unverified';
      }
      return apply(event);
    },
  };
};
