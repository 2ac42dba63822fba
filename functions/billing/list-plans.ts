import { createRoute, z } from '@hono/zod-openapi';
import { creditPacks, planOffers } from '../../shared/billing/plans-catalog.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json } from '../../shared/platform/http/schemas.ts';
import { plans } from '../../shared/workspaces/index.ts';
import { billingCostTags } from './lib/api-function.ts';

const limit = z.number().int().nullable().openapi({ description: 'null: unlimited' });
const catalogSchema = z
  .object({
    currency: z.literal('usd'),
    plans: z.array(
      z.object({
        plan: z.enum(plans),
        name: z.string(),
        monthlyPriceCents: z.number().int(),
        creditsPerMonth: z.number().int(),
        selfServe: z.boolean().openapi({ description: 'Whether Checkout sells it (enterprise is sold by contract)' }),
        limits: z.object({
          seats: limit,
          workspaces: limit,
          flows: limit,
          apiRequestsPerMinute: z.number().int(),
          aiOpsPerMinute: z.number().int(),
          nodesPerFlow: z.number().int(),
          versionsKept: limit,
        }),
      }),
    ),
    packs: z.array(z.object({ id: z.string(), credits: z.number().int(), priceCents: z.number().int(), validityMonths: z.number().int() })),
  })
  .openapi('BillingCatalog');

// The catalog is code: one body for the life of the instance.
const catalog: z.infer<typeof catalogSchema> = {
  currency: 'usd',
  plans: planOffers.map(({ plan, name, monthlyPriceCents, creditsPerMonth, isSelfServe, limits: { creditsPerMonth: _c, ...limits } }) => ({
    plan,
    name,
    monthlyPriceCents,
    creditsPerMonth,
    selfServe: isSelfServe,
    limits,
  })),
  packs: creditPacks.map(({ id, credits, priceCents, validityMonths }) => ({ id, credits, priceCents, validityMonths })),
};

export default defineHttpFunction({
  description: 'Lists the plans (prices, credits, limits) and the credit packs; public and cacheable.',
  route: createRoute({
    method: 'get',
    path: '/v1/billing/plans',
    tags: ['billing'],
    summary: 'Plans, prices, limits and credit packs',
    responses: { 200: json('The catalog', catalogSchema) },
  }),
  access: publicAccess('the price list is shown to visitors before they sign up'),
  rateLimit: rateLimited.public,
  uses: [],
  costTags: billingCostTags,
  privacy: { personalData: 'none' },
  handler: (c) => {
    // Prices change with a deploy: browsers keep it 5 minutes, the CDN an hour.
    c.header('cache-control', 'public, max-age=300, s-maxage=3600');
    return c.json(catalog, 200);
  },
});
