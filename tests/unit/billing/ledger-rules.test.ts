import { describe, expect, it } from 'vitest';
import {
  addPack,
  adjustPlan,
  allocate,
  expiredPacks,
  giveBack,
  removePack,
  resetPlan,
  spendable,
  withTotal,
  type PackBalance,
} from '../../../shared/billing/index.ts';

const now = new Date('2025-06-01T00:00:00Z');
const day = 24 * 60 * 60_000;
const pack = (packId: string, remaining: number, daysLeft: number): PackBalance => ({
  packId,
  remaining,
  expiresAt: new Date(now.getTime() + daysLeft * day),
});

describe('allocate', () => {
  it('should take plan credits first when the plan covers the cost', () => {
    const taken = allocate(withTotal(10, [pack('a', 5, 30)]), 4, now);
    expect(taken?.allocation).toEqual({ plan: 4, packs: [] });
    expect(taken?.after).toMatchObject({ plan: 6, total: 11, packs: [{ packId: 'a', remaining: 5 }] });
  });

  it('should take the rest from the oldest pack first when the plan runs out', () => {
    const balances = withTotal(2, [pack('newer', 10, 300), pack('older', 3, 30)]);
    const taken = allocate(balances, 7, now);
    expect(taken?.allocation).toEqual({
      plan: 2,
      packs: [
        { packId: 'older', amount: 3 },
        { packId: 'newer', amount: 2 },
      ],
    });
    expect(taken?.after).toEqual(withTotal(0, [pack('newer', 8, 300), pack('older', 0, 30)]));
  });

  it('should skip expired packs when they still hold credits', () => {
    const balances = withTotal(0, [pack('expired', 50, -1), pack('live', 5, 10)]);
    expect(spendable(balances, now)).toBe(5);
    expect(allocate(balances, 5, now)?.allocation.packs).toEqual([{ packId: 'live', amount: 5 }]);
    expect(allocate(balances, 6, now)).toBeNull();
  });

  it('should treat a pack as expired when its expiry is exactly now', () => {
    expect(spendable(withTotal(0, [pack('edge', 5, 0)]), now)).toBe(0);
  });

  it('should refuse when the cost exceeds what is spendable, so a balance never goes below zero', () => {
    expect(allocate(withTotal(3, [pack('a', 1, 10)]), 5, now)).toBeNull();
    const exact = allocate(withTotal(3, [pack('a', 2, 10)]), 5, now);
    expect(exact?.after.total).toBe(0);
    expect(exact?.after.plan).toBe(0);
  });

  it('should not change the input balances when it allocates', () => {
    const balances = withTotal(1, [pack('a', 4, 10)]);
    allocate(balances, 3, now);
    expect(balances).toEqual(withTotal(1, [pack('a', 4, 10)]));
  });
});

describe('giveBack', () => {
  it('should return credits to the buckets they came from when a reservation is released', () => {
    const before = withTotal(2, [pack('older', 3, 30), pack('newer', 10, 300)]);
    const taken = allocate(before, 7, now)!;
    const { after, returned } = giveBack(taken.after, taken.allocation);
    expect(after).toEqual(before);
    expect(returned).toEqual(taken.allocation);
  });

  it('should forfeit the part of a pack when the pack is gone (expired or refunded) since', () => {
    const taken = allocate(withTotal(1, [pack('a', 4, 30)]), 3, now)!;
    const withoutPack = removePack(taken.after, 'a')!.after;
    const { after, returned } = giveBack(withoutPack, taken.allocation);
    expect(after).toEqual(withTotal(1, []));
    expect(returned).toEqual({ plan: 1, packs: [] });
  });
});

describe('plan and pack changes', () => {
  it('should replace the plan credits and keep the packs when a new period starts', () => {
    expect(resetPlan(withTotal(37, [pack('a', 5, 10)]), 100)).toEqual(withTotal(100, [pack('a', 5, 10)]));
  });

  it('should add a pack once when it is granted twice', () => {
    const once = addPack(withTotal(0, []), pack('a', 500, 365))!;
    expect(once.total).toBe(500);
    expect(addPack(once, pack('a', 500, 365))).toBeNull();
  });

  it('should list expired packs oldest first, spent ones too, when the expiry cron runs', () => {
    const balances = withTotal(0, [pack('live', 5, 10), pack('later', 0, -1), pack('earlier', 7, -20)]);
    expect(expiredPacks(balances, now).map((found) => found.packId)).toEqual(['earlier', 'later']);
  });

  it('should remove a pack and report its unspent credits when it is refunded or expires', () => {
    const removed = removePack(withTotal(4, [pack('a', 6, 10), pack('b', 2, 20)]), 'a');
    expect(removed).toEqual({ after: withTotal(4, [pack('b', 2, 20)]), removed: 6 });
  });

  it('should answer null when the pack to remove is not there', () => {
    expect(removePack(withTotal(4, []), 'missing')).toBeNull();
  });

  it.each([
    [10, 5, 15],
    [10, -10, 0],
    [10, -11, null],
  ])('should adjust plan credits %i by %i to %s, never below zero', (plan, amount, expected) => {
    expect(adjustPlan(withTotal(plan, []), amount)?.plan ?? null).toBe(expected);
  });
});
