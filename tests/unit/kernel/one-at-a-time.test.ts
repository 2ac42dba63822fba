import { describe, expect, it } from 'vitest';
import { createOneAtATime } from '../../../shared/kernel/index.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createOneAtATime', () => {
  it('should run calls with one key one after another, in call order', async () => {
    const oneAtATime = createOneAtATime();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const work = (name: string) => async () => {
      running += 1;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((name) => oneAtATime('ws_1', work(name))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('should run calls with different keys side by side', async () => {
    const oneAtATime = createOneAtATime();
    let running = 0;
    let most = 0;
    const work = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
    };
    await Promise.all([oneAtATime('ws_1', work), oneAtATime('ws_2', work), oneAtATime('ws_3', work)]);
    expect(most).toBe(3);
  });

  it('should hand a failure to its own caller and still run the next call', async () => {
    const oneAtATime = createOneAtATime();
    const failing = oneAtATime('ws_1', () => Promise.reject(new Error('boom')));
    const next = oneAtATime('ws_1', () => Promise.resolve('after'));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });
});
