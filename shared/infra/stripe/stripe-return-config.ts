import { z } from 'zod';
import { parseOrigins } from '../../billing/checkout-return-urls.ts';
import { defineConfig } from '../../platform/config/fragment.ts';

/** `BILLING_RETURN_URL_ORIGINS` → its origins; a config issue (not a throw) when one is not an origin or none is given. */
const toOrigins = (list: string, ctx: z.RefinementCtx): string[] => {
  try {
    const origins = parseOrigins(list);
    if (origins.length > 0) return origins;
    ctx.addIssue({ code: 'custom', message: 'must name at least one origin' });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'must be comma-separated origins' });
  }
  return z.NEVER;
};

/**
 * Where Stripe Checkout and the billing portal may send the browser back to: the web client's
 * origins. Only the billing API functions read it (the SDK and the health probe do not).
 */
export const stripeReturnConfig = defineConfig({
  name: 'stripe-return-urls',
  shape: {
    /** Comma-separated origins (`scheme://host[:port]`) of success, cancel and return URLs. */
    BILLING_RETURN_URL_ORIGINS: z.string().transform(toOrigins),
  },
  devDefaults: { BILLING_RETURN_URL_ORIGINS: 'http://localhost:5173' },
});
