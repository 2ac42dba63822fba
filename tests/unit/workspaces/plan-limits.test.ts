import { describe, expect, it } from 'vitest';
import { effectivePlan, isWithinLimit, planLimits, upgradeUrl } from '../../../shared/workspaces/index.ts';

const now = new Date('2025-03-01T12:00:00Z');

describe('plan limits', () => {
  it.each([
    ['free', 1, 1],
    ['basic', 3, 3],
    ['pro', 10, 10],
    ['enterprise', null, null],
  ] as const)('should give the %s plan %s seats and %s workspaces as docs/product.md says', (plan, seats, workspaces) => {
    expect(planLimits[plan]).toMatchObject({ seats, workspaces });
  });

  it.each([
    ['no trial', { plan: 'basic', trialEndsAt: null }, 'basic'],
    ['a running trial', { plan: 'pro', trialEndsAt: new Date('2025-03-02T00:00:00Z') }, 'pro'],
    ['an ended trial', { plan: 'pro', trialEndsAt: new Date('2025-03-01T12:00:00Z') }, 'free'],
  ] as const)('should give the plan in force with %s', (_case, workspace, plan) => {
    expect(effectivePlan(workspace, now)).toBe(plan);
  });

  it.each([
    [1, 0, true],
    [1, 1, false],
    [3, 2, true],
    [null, 10_000, true],
  ] as const)('should say whether limit %s leaves room at %s: %s', (limit, current, expected) => {
    expect(isWithinLimit(limit, current)).toBe(expected);
  });

  it('should point upgrade links at the workspace’s billing page when one is known', () => {
    expect(upgradeUrl('https://app.test', 'wsp_1')).toBe('https://app.test/workspaces/wsp_1/billing/upgrade');
    expect(upgradeUrl('https://app.test', null)).toBe('https://app.test/billing/upgrade');
  });
});
