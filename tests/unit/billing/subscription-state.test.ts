import { describe, expect, it } from 'vitest';
import type { SubscriptionSnapshot } from '../../../shared/billing/billing-account.ts';
import { billingStatusOf, gracePeriodMs, latestSnapshot, planInForce } from '../../../shared/billing/subscription-state.ts';

const now = new Date('2025-06-01T12:00:00Z');
const snapshot = (overrides: Partial<SubscriptionSnapshot>): SubscriptionSnapshot => ({
  workspaceId: 'wsp_a',
  subscriptionId: 'sub_a',
  stripeStatus: 'active',
  plan: 'pro',
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  trialEnd: null,
  graceEndsAt: null,
  observedAt: now,
  eventId: 'evt_a',
  ...overrides,
});
const later = (ms: number) => new Date(now.getTime() + ms);

describe('the subscription state in force', () => {
  it('should pick the latest observedAt, then the higher event id, whatever the order', () => {
    const a = snapshot({ observedAt: later(-1000), eventId: 'evt_z', plan: 'basic' });
    const b = snapshot({ eventId: 'evt_a', plan: 'pro' });
    const c = snapshot({ eventId: 'evt_b', plan: 'enterprise' });
    expect(latestSnapshot([a, b, c])?.plan).toBe('enterprise');
    expect(latestSnapshot([c, b, a])?.plan).toBe('enterprise');
    expect(latestSnapshot([])).toBeNull();
  });

  it.each([
    ['active', null, 'pro', 'active'],
    ['trialing', null, 'pro', 'trialing'],
    ['past_due', later(gracePeriodMs), 'pro', 'past_due'],
    ['past_due', later(-1), 'free', 'free'],
    ['canceled', null, 'free', 'canceled'],
    ['incomplete_expired', null, 'free', 'free'],
  ] as const)('should give %s (grace until %s) the plan %s and the status %s', (stripeStatus, graceEndsAt, plan, status) => {
    const s = snapshot({ stripeStatus, graceEndsAt });
    expect([planInForce(s, now), billingStatusOf(s, null, now)]).toEqual([plan, status]);
  });

  it('should say trialing while a card-less trial runs and free after it when there is no subscription', () => {
    expect(billingStatusOf(null, later(1), now)).toBe('trialing');
    expect(billingStatusOf(null, later(-1), now)).toBe('free');
    expect(billingStatusOf(null, null, now)).toBe('free');
  });
});
