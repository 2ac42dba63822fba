import { describe, expect, it } from 'vitest';
import type { SubscriptionSnapshot } from '../../../shared/billing/billing-account.ts';
import {
  billingStatusOf,
  gracePeriodMs,
  isLiveSubscription,
  latestSnapshot,
  planInForce,
} from '../../../shared/billing/subscription-state.ts';

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
    ['incomplete', 'active'],
    ['trialing', 'active'],
    ['active', 'past_due'],
    ['past_due', 'unpaid'],
    ['active', 'canceled'],
    ['past_due', 'canceled'],
    ['incomplete', 'incomplete_expired'],
  ])('should pick %s → %s within one second, whichever event id is higher and whatever the order', (before, after) => {
    for (const [idBefore, idAfter] of [
      ['evt_b', 'evt_a'],
      ['evt_a', 'evt_b'],
    ]) {
      const earlier = snapshot({ stripeStatus: before, eventId: idBefore });
      const later = snapshot({ stripeStatus: after, eventId: idAfter });
      expect(latestSnapshot([earlier, later])?.stripeStatus).toBe(after);
      expect(latestSnapshot([later, earlier])?.stripeStatus).toBe(after);
    }
  });

  it('should still let a later second win over a state further in the lifecycle', () => {
    const canceled = snapshot({ stripeStatus: 'canceled', subscriptionId: 'sub_old', eventId: 'evt_z' });
    const newer = snapshot({ stripeStatus: 'incomplete', subscriptionId: 'sub_new', observedAt: later(1000), eventId: 'evt_a' });
    expect(latestSnapshot([canceled, newer])?.subscriptionId).toBe('sub_new');
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

  it.each([
    ['active', false, true],
    ['trialing', false, true],
    ['past_due', false, true],
    ['unpaid', false, true],
    ['incomplete', false, true],
    ['active', true, false],
    ['canceled', false, false],
    ['incomplete_expired', false, false],
  ] as const)('should call a %s subscription (cancel at period end: %s) live: %s', (stripeStatus, cancelAtPeriodEnd, live) => {
    expect(isLiveSubscription(snapshot({ stripeStatus, cancelAtPeriodEnd }))).toBe(live);
  });
});
