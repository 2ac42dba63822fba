import Stripe from 'stripe';
import { catalogPrices, type CatalogPrice } from '../shared/billing/plans-catalog.ts';
import { loadConfig } from '../shared/platform/config/load-config.ts';
import { defineConfig } from '../shared/platform/config/fragment.ts';
import { stripeClientOptions } from '../shared/infra/stripe/stripe-client.ts';
import { stripeConfig } from '../shared/infra/stripe/stripe-config.ts';
import { isEntryModule } from './services/paths.ts';

/**
 * Creates the catalog's products and prices in a Stripe account, idempotently: each
 * price is looked up by its lookup key first; a missing one (or one whose amount, currency or
 * interval no longer matches the catalog) is created with that lookup key — taking the key over
 * from the old price — under an idempotency key, on a product whose id is ours (`uxflow_plan_pro`…).
 * Run it again and it changes nothing.
 *
 * `node scripts/stripe-bootstrap.ts` with STRIPE_SECRET_KEY and STRIPE_API_BASE (the development
 * values point at stripe-mock, which is stateless: there every run "creates" everything, and must
 * still succeed). Prints one JSON line.
 */
export interface BootstrapOutcome {
  lookupKey: string;
  priceId: string;
  productId: string;
  action: 'kept' | 'created' | 'replaced';
}

const matches = (price: Stripe.Price, wanted: CatalogPrice) =>
  price.active &&
  price.lookup_key === wanted.lookupKey &&
  price.currency === 'usd' &&
  price.unit_amount === wanted.unitAmountCents &&
  (price.recurring?.interval ?? null) === wanted.interval;

const isMissing = (error: unknown) => error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing';

/** The product with our id, created when Stripe has none. */
const ensureProduct = async (stripe: Stripe, wanted: CatalogPrice): Promise<string> => {
  try {
    return (await stripe.products.retrieve(wanted.productId)).id;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const product = await stripe.products.create(
    { id: wanted.productId, name: wanted.productName, metadata: wanted.metadata },
    { idempotencyKey: `uxflow-bootstrap:product:${wanted.productId}` },
  );
  return product.id;
};

/** Makes sure one catalog price exists with its lookup key; what was done. */
export const ensurePrice = async (stripe: Stripe, wanted: CatalogPrice): Promise<BootstrapOutcome> => {
  // Not filtered on `active`: a lookup key stays on an archived price, and a new price must transfer it.
  const found = (await stripe.prices.list({ lookup_keys: [wanted.lookupKey], limit: 1 })).data.find(
    (price) => price.lookup_key === wanted.lookupKey,
  );
  if (found && matches(found, wanted)) {
    const productId = typeof found.product === 'string' ? found.product : found.product.id;
    return { lookupKey: wanted.lookupKey, priceId: found.id, productId, action: 'kept' };
  }
  const productId = await ensureProduct(stripe, wanted);
  const transfer = found !== undefined;
  const price = await stripe.prices.create(
    {
      product: productId,
      currency: 'usd',
      unit_amount: wanted.unitAmountCents,
      ...(wanted.interval ? { recurring: { interval: wanted.interval } } : {}),
      lookup_key: wanted.lookupKey,
      transfer_lookup_key: transfer,
      nickname: wanted.productName,
      metadata: wanted.metadata,
    },
    // Same parameters, same key: a retried or concurrent run gets the same price back (24 h window).
    {
      idempotencyKey: `uxflow-bootstrap:price:${wanted.lookupKey}:${wanted.unitAmountCents}:${wanted.interval ?? 'once'}:${String(transfer)}`,
    },
  );
  return { lookupKey: wanted.lookupKey, priceId: price.id, productId, action: transfer ? 'replaced' : 'created' };
};

/** Ensures every catalog price, one after the other (Stripe's write rate limits are low in test mode). */
export const bootstrapStripeCatalog = async (
  stripe: Stripe,
  prices: readonly CatalogPrice[] = catalogPrices(),
): Promise<BootstrapOutcome[]> => {
  const outcomes: BootstrapOutcome[] = [];
  for (const wanted of prices) outcomes.push(await ensurePrice(stripe, wanted));
  return outcomes;
};

/** The Stripe client of the bootstrap: the key and API base only (no other billing variable needed). */
export const bootstrapClient = (env: Record<string, string | undefined>): Stripe => {
  const { STRIPE_SECRET_KEY, STRIPE_API_BASE } = stripeConfig.shape;
  const config = loadConfig(
    [defineConfig({ name: 'stripe-bootstrap', shape: { STRIPE_SECRET_KEY, STRIPE_API_BASE }, devDefaults: stripeConfig.devDefaults })],
    env,
  );
  return new Stripe(config.STRIPE_SECRET_KEY, stripeClientOptions(config.STRIPE_API_BASE));
};

if (isEntryModule(import.meta.url)) {
  try {
    const outcomes = await bootstrapStripeCatalog(bootstrapClient({ APP_ENV: 'development', ...process.env }));
    const count = (action: BootstrapOutcome['action']) => outcomes.filter((o) => o.action === action).length;
    console.log(
      JSON.stringify({ bootstrap: 'ok', kept: count('kept'), created: count('created'), replaced: count('replaced'), prices: outcomes }),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
