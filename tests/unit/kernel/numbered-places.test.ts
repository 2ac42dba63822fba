import { describe, expect, it } from 'vitest';
import { claimFirstFree, type FreePlace } from '../../../shared/kernel/index.ts';

const places: FreePlace[] = [
  { number: 1, generation: 2 },
  { number: 3, generation: 1 },
];

describe('claimFirstFree', () => {
  it('should fill the first place no racer took, and try nothing after it', async () => {
    const tried: number[] = [];
    const claimed = await claimFirstFree(places, {
      claim: async ({ number }) => (tried.push(number), number === 3),
      fill: async ({ number }) => `filled ${number}`,
      release: async () => undefined,
    });
    expect({ claimed, tried }).toEqual({ claimed: { value: 'filled 3' }, tried: [1, 3] });
  });

  it('should resolve null when every place was taken', async () => {
    const claimed = await claimFirstFree(places, { claim: async () => false, fill: async () => 'never', release: async () => undefined });
    expect(claimed).toBeNull();
  });

  it('should release the claim and rethrow the write’s own error when the fill fails, even if the release fails', async () => {
    const released: FreePlace[] = [];
    const refused = new Error('document refused');
    const attempt = claimFirstFree(places, {
      claim: async () => true,
      fill: async () => {
        throw refused;
      },
      release: async (place) => {
        released.push(place);
        throw new Error('database gone');
      },
    });
    await expect(attempt).rejects.toBe(refused);
    expect(released).toEqual([{ number: 1, generation: 2 }]);
  });
});
