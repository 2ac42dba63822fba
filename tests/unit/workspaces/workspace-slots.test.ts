import { describe, expect, it } from 'vitest';
import { freePlaces, isSlotHeld, latestSlots, type PlacedSlot, type SlotHolder } from '../../../shared/workspaces/index.ts';

const now = new Date('2026-03-01T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const placed = (number: number, generation: number, holder: SlotHolder | null, claimedAt = daysAgo(40)): PlacedSlot => ({
  slot: { ownerId: 'usr_a', number, generation, workspaceId: `wsp_${number}_${generation}`, claimedAt },
  holder,
});
const active: SlotHolder = { ownerId: 'usr_a', deletedAt: null };

describe('isSlotHeld', () => {
  it.each<[string, PlacedSlot, boolean]>([
    ['its workspace is active', placed(2, 1, active), true],
    ['its workspace was deleted 29 days ago', placed(2, 1, { ownerId: 'usr_a', deletedAt: daysAgo(29) }), true],
    ['its workspace was deleted 30 days ago', placed(2, 1, { ownerId: 'usr_a', deletedAt: daysAgo(30) }), false],
    ['its workspace was transferred to someone else', placed(2, 1, { ownerId: 'usr_b', deletedAt: null }), false],
    ['its workspace is not written yet (claimed a minute ago)', placed(2, 1, null, new Date(now.getTime() - 60_000)), true],
    ['its workspace was never written (claimed an hour ago)', placed(2, 1, null, new Date(now.getTime() - 3_600_000)), false],
  ])('should say whether a slot holds its place when %s', (_case, { slot, holder }, expected) => {
    expect(isSlotHeld(slot, holder, now)).toBe(expected);
  });
});

describe('freePlaces', () => {
  it('should offer each free number once, with the generation after its latest slot', () => {
    const latest = latestSlots([
      placed(2, 1, active),
      placed(3, 1, { ownerId: 'usr_b', deletedAt: null }),
      placed(3, 2, active),
      placed(4, 1, { ownerId: 'usr_b', deletedAt: null }),
    ]);
    expect(freePlaces(latest, { first: 2, last: 5 }, now)).toEqual([
      { number: 4, generation: 2 },
      { number: 5, generation: 1 },
    ]);
  });

  it('should offer nothing when the range is empty (a free account with its personal workspace)', () => {
    expect(freePlaces(new Map(), { first: 2, last: 1 }, now)).toEqual([]);
  });

  it('should offer numbers past the highest known when there is no limit', () => {
    const places = freePlaces(latestSlots([placed(2, 1, active)]), { first: 2, last: null }, now);
    expect(places[0]).toEqual({ number: 3, generation: 1 });
    expect(places.length).toBeGreaterThan(20);
  });
});
