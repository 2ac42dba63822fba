import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../../scripts/lib/map-limit.ts';

describe('mapLimit', () => {
  it('should keep the order of the items when calls finish out of order', async () => {
    const result = await mapLimit([30, 10, 20, 0], 2, (ms) => new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms)));
    expect(result).toEqual([30, 10, 20, 0]);
  });

  it('should never have more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await mapLimit([...Array(12).keys()], 3, async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
    });
    expect(most).toBe(3);
  });
});
