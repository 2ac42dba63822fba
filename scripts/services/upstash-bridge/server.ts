import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { isEntryModule } from '../paths.ts';
import { createBridgeHandler } from './handler.ts';

export type BridgeOptions = { host: string; port: number; token: string; redisUrl: string };

/** Reads the bridge's options from `env` once, at start; throws listing every bad variable. */
export function parseBridgeOptions(env: NodeJS.ProcessEnv): BridgeOptions {
  const problems: string[] = [];
  const port = Number(env.UPSTASH_BRIDGE_PORT ?? '8079');
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) problems.push('UPSTASH_BRIDGE_PORT must be a TCP port');
  const token = env.UPSTASH_BRIDGE_TOKEN ?? 'dev-upstash-token';
  if (token === '') problems.push('UPSTASH_BRIDGE_TOKEN must not be empty');
  const redisUrl = env.UPSTASH_BRIDGE_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!redisUrl.startsWith('redis://')) problems.push('UPSTASH_BRIDGE_REDIS_URL must be a redis:// URL');
  if (problems.length > 0) throw new Error(`bad upstash bridge options: ${problems.join('; ')}`);
  return { host: env.UPSTASH_BRIDGE_HOST ?? '127.0.0.1', port, token, redisUrl };
}

/** Starts the bridge; resolves once it listens. */
export async function startBridge(options: BridgeOptions): Promise<{ close: () => Promise<void> }> {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
  redis.on('error', (error: Error) => console.error(`redis: ${error.message}`));
  const handler = createBridgeHandler({ redis, token: options.token });
  const server = createServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'ERR internal bridge error' }));
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolvePromise);
  });
  console.log(`upstash bridge on http://${options.host}:${options.port} -> ${options.redisUrl}`);
  return {
    close: async () => {
      const closed = new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      server.closeAllConnections();
      await closed;
      redis.disconnect();
    },
  };
}

if (isEntryModule(import.meta.url)) {
  const bridge = await startBridge(parseBridgeOptions(process.env));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void bridge.close().finally(() => process.exit(0));
    });
  }
}
