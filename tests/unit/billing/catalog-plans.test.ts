import { describe, expect, it } from 'vitest';
import { catalogPrices, creditPacks, findCreditPack, planLookupKey, planOffer, planOffers } from '../../../shared/billing/plans-catalog.ts';
import { planLimits, plans } from '../../../shared/workspaces/index.ts';

describe('the plans catalog', () => {
  it.each([
    ['free', 0, 100],
    ['basic', 2_900, 1_000],
    ['pro', 9_900, 5_000],
    ['enterprise', 49_900, 25_000],
  ] as const)('should price %s at %i cents a month with %i credits', (plan, cents, credits) => {
    expect(planOffer(plan)).toMatchObject({ plan, monthlyPriceCents: cents, creditsPerMonth: credits, limits: planLimits[plan] });
  });

  it('should list every plan once, in the plan table’s order', () => {
    expect(planOffers.map((o) => o.plan)).toEqual([...plans]);
  });

  it('should sell only basic and pro through self-serve Checkout, and give free no Stripe price', () => {
    expect(planOffers.filter((o) => o.isSelfServe).map((o) => o.plan)).toEqual(['basic', 'pro']);
    expect(planOffer('free').lookupKey).toBeNull();
    expect(planOffer('pro').lookupKey).toBe('uxflow_plan_pro_monthly');
    expect(planLookupKey('basic')).toBe('uxflow_plan_basic_monthly');
  });

  it('should offer 500 for $10, 2,000 for $35 and 5,000 for $75, each valid 12 months', () => {
    expect(creditPacks.map((p) => [p.id, p.credits, p.priceCents, p.validityMonths, p.lookupKey])).toEqual([
      ['pack_500', 500, 1_000, 12, 'uxflow_pack_500'],
      ['pack_2000', 2_000, 3_500, 12, 'uxflow_pack_2000'],
      ['pack_5000', 5_000, 7_500, 12, 'uxflow_pack_5000'],
    ]);
  });

  it('should find a pack by id and answer null when the id is unknown', () => {
    expect(findCreditPack('pack_2000')?.credits).toBe(2_000);
    expect(findCreditPack('pack_1')).toBeNull();
  });

  it('should give every Stripe price a unique lookup key and product id, monthly for plans and one-off for packs', () => {
    const prices = catalogPrices();
    expect(new Set(prices.map((p) => p.lookupKey)).size).toBe(prices.length);
    expect(new Set(prices.map((p) => p.productId)).size).toBe(prices.length);
    expect(prices.filter((p) => p.interval === 'month').map((p) => p.lookupKey)).toEqual([
      'uxflow_plan_basic_monthly',
      'uxflow_plan_pro_monthly',
      'uxflow_plan_enterprise_monthly',
    ]);
    expect(prices.filter((p) => p.interval === null)).toHaveLength(3);
    expect(prices.every((p) => Object.values(p.metadata).every((v) => typeof v === 'string'))).toBe(true);
  });
});
