import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { fromRoot } from '../lib/paths.ts';
import { startLocalBroker } from './broker/server.ts';
import { readDeliverySpec, readTriggers } from './broker/triggers.ts';

export interface FleetOptions {
  httpPort: number;
  /** serverless-offline's Lambda invoke API (used to fire a cron tick on demand). */
  lambdaPort: number;
  brokerPort: number;
  /** Extra variables for every function (service addresses, database name…). */
  env: Record<string, string>;
  log: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface Fleet {
  url: string;
  brokerUrl: string;
  lambdaUrl: string;
  stop: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitForHealth = async (url: string, child: ChildProcess, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serverless-offline exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(5000) });
      last = `${response.status} ${await response.text()}`;
      if (response.status === 200) return;
    } catch (error) {
      last = String(error);
    }
    await sleep(500);
  }
  throw new Error(`the fleet did not become healthy in ${timeoutMs} ms; last answer: ${last}`);
};

const stopChild = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
};

/**
 * Serves every function locally: HTTP functions through serverless-offline (the Lambda host),
 * cron functions on their schedules (serverless-offline `schedule` events), and CloudEvents
 * through the local broker, which follows the generated Triggers. Expects `npm run gen` and
 * `npm run build` to have run. Resolves once GET /v1/health answers 200.
 */
export const startFleet = async (options: FleetOptions): Promise<Fleet> => {
  const url = `http://127.0.0.1:${options.httpPort}`;
  const brokerUrl = `http://127.0.0.1:${options.brokerPort}`;
  await mkdir(fromRoot('.data'), { recursive: true });
  const broker: Server = await startLocalBroker({
    port: options.brokerPort,
    triggers: await readTriggers(fromRoot('knative/base/eventing/triggers')),
    delivery: await readDeliverySpec(fromRoot('knative/base/eventing/broker.yaml')),
    subscriberUrl: (name) => `${url}/_events/${name}`,
    deadLetterFile: fromRoot('.data/dead-letters.jsonl'),
    log: (line) => options.log(`[broker] ${JSON.stringify(line)}`),
  });
  const child = spawn(fromRoot('node_modules/.bin/serverless'), ['offline', 'start'], {
    cwd: fromRoot(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.env,
      APP_ENV: 'development',
      // node-schedule reads cron in the process time zone; PingSources run in UTC.
      TZ: 'UTC',
      BROKER_URL: brokerUrl,
      UXFLOW_HTTP_PORT: String(options.httpPort),
      UXFLOW_LAMBDA_PORT: String(options.lambdaPort),
      UXFLOW_WS_PORT: String(options.httpPort + 1),
      UXFLOW_ALB_PORT: String(options.httpPort + 3),
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
    },
  });
  const forward = (prefix: string) => (chunk: Buffer) =>
    chunk
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .forEach((line) => options.log(`${prefix}${line}`));
  child.stdout?.on('data', forward(''));
  child.stderr?.on('data', forward(''));
  const stop = async () => {
    await stopChild(child);
    await new Promise((resolve) => broker.close(resolve));
  };
  try {
    await waitForHealth(url, child, options.readyTimeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, brokerUrl, lambdaUrl: `http://127.0.0.1:${options.lambdaPort}`, stop };
};
