import { describe, expect, it } from 'vitest';
import { drainOutbox } from '../../../shared/platform/events/outbox.ts';

describe('drainOutbox', () => {
  it('should publish in order and mark each item only after the broker took it', async () => {
    const steps: string[] = [];
    const count = await drainOutbox(
      ['a', 'b'],
      async (item) => steps.push(`publish ${item}`),
      async (item) => {
        steps.push(`mark ${item}`);
      },
    );
    expect({ count, steps }).toEqual({ count: 2, steps: ['publish a', 'mark a', 'publish b', 'mark b'] });
  });

  it('should stop at the first failed publish, leaving it and the rest unmarked', async () => {
    const marked: string[] = [];
    const publish = async (item: string) => {
      if (item === 'b') throw new Error('broker down');
    };
    await expect(drainOutbox(['a', 'b', 'c'], publish, async (item) => void marked.push(item))).rejects.toThrow('broker down');
    expect(marked).toEqual(['a']);
  });
});
