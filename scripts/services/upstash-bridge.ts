import { join } from 'node:path';
import { requirePackage } from './install.ts';
import { repoRoot } from './paths.ts';
import { httpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import type { Service } from './service.ts';

const host = '127.0.0.1';
const port = 8079;
const url = `http://${host}:${port}`;
const token = 'dev-upstash-token';

/** A small HTTP server speaking the Upstash REST protocol in front of the local Redis. */
export const upstashBridge: Service = {
  name: 'upstash',
  description: 'Upstash REST bridge (Node, ioredis) -> redis',
  address: url,
  overrideVar: 'UPSTASH_REDIS_REST_URL',
  dependsOn: ['redis'],
  env: { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token },
  probe: () => httpProbe(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '["PING"]' }),
  install: async () => {
    requirePackage('upstash', 'ioredis');
  },
  start: () =>
    spawnDetached({
      name: 'upstash',
      command: process.execPath,
      args: [join(repoRoot, 'scripts', 'services', 'upstash-bridge', 'server.ts')],
      env: {
        ...process.env,
        UPSTASH_BRIDGE_HOST: host,
        UPSTASH_BRIDGE_PORT: String(port),
        UPSTASH_BRIDGE_TOKEN: token,
        UPSTASH_BRIDGE_REDIS_URL: 'redis://127.0.0.1:6379',
      },
    }),
  startTimeoutMs: 20_000,
};
