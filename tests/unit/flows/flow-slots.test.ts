import { describe, expect, it } from 'vitest';
import { flowAllowance, isFlowSlotHeld, latestSlotOfFlow, type FlowSlotHolder, type PlacedFlowSlot } from '../../../shared/flows/index.ts';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const placed = (
  number: number,
  generation: number,
  flowId: string,
  holder: FlowSlotHolder | null,
  claimedAt = minutesAgo(600),
): PlacedFlowSlot => ({
  slot: { workspaceId: 'wsp_a', number, generation, flowId, claimedAt },
  holder,
});
const active: FlowSlotHolder = { deletedAt: null };
const held = (one: PlacedFlowSlot, all: PlacedFlowSlot[] = [one]) => isFlowSlotHeld(one, latestSlotOfFlow(all).get(one.slot.flowId), now);

describe('isFlowSlotHeld', () => {
  it.each<[string, PlacedFlowSlot, boolean]>([
    ['its flow is active', placed(1, 1, 'flw_a', active), true],
    [
      'its flow was deleted after the claim (a deleted flow frees its place at once)',
      placed(1, 1, 'flw_a', { deletedAt: minutesAgo(1) }),
      false,
    ],
    ['its flow is not written yet (claimed a minute ago)', placed(1, 1, 'flw_a', null, minutesAgo(1)), true],
    ['its flow was never written, or was purged (claimed an hour ago)', placed(1, 1, 'flw_a', null, minutesAgo(60)), false],
    [
      'an undelete claimed it a minute ago, after the deletion, and is not written yet',
      placed(1, 1, 'flw_a', { deletedAt: minutesAgo(5) }, minutesAgo(1)),
      true,
    ],
    ['an undelete claimed it an hour ago and never wrote', placed(1, 1, 'flw_a', { deletedAt: minutesAgo(65) }, minutesAgo(60)), false],
  ])('should say whether a slot holds its place when %s', (_case, one, expected) => {
    expect(held(one)).toBe(expected);
  });

  it('should let only the latest slot of an undeleted flow hold a place', () => {
    const first = placed(1, 1, 'flw_a', active, minutesAgo(600));
    const again = placed(2, 1, 'flw_a', active, minutesAgo(30));
    expect([held(first, [first, again]), held(again, [first, again])]).toEqual([false, true]);
  });
});

describe('flowAllowance', () => {
  it('should offer the free numbers up to the limit, with the generation after their latest slot', () => {
    const slots = [
      placed(1, 1, 'flw_a', active),
      placed(2, 1, 'flw_b', { deletedAt: minutesAgo(5) }),
      placed(2, 2, 'flw_c', null, minutesAgo(200)),
    ];
    expect(flowAllowance({ activeFlowIds: ['flw_a'], slots }, 3, now)).toEqual({
      current: 1,
      places: [
        { number: 2, generation: 3 },
        { number: 3, generation: 1 },
      ],
    });
  });

  it('should count active flows without a slot and leave their places out of the range', () => {
    const slots = [placed(1, 1, 'flw_a', active)];
    expect(flowAllowance({ activeFlowIds: ['flw_a', 'flw_old1', 'flw_old2'], slots }, 3, now)).toEqual({ current: 3, places: [] });
    expect(flowAllowance({ activeFlowIds: ['flw_old1', 'flw_old2', 'flw_old3', 'flw_old4'], slots: [] }, 3, now)).toEqual({
      current: 4,
      places: [],
    });
  });
});
