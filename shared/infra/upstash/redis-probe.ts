import type { Redis } from '@upstash/redis';
import type { DependencyProbe } from '../../ops/health.ts';

export const redisProbe = (redis: Redis): DependencyProbe => ({
  name: 'redis',
  check: async () => {
    const answer = await redis.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer ${String(answer)}`);
  },
});
