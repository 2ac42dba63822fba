import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { fromRoot } from '../lib/paths.ts';
import { startLocalBroker } from './broker/server.ts';
import { readDeliverySpec, readTriggers } from './broker/triggers.ts';
import { createInstancePool } from './gateway/instances.ts';
import { readRoutes, readSchedules, readServices } from './gateway/manifests.ts';
import { pingEvent, startScheduler } from './gateway/scheduler.ts';
import { localEventPath, startGateway } from './gateway/server.ts';

export interface FleetOptions {
  httpPort: number;
  brokerPort: number;
  /** Extra variables for every function (service addresses, database name…). */
  env: Record<string, string>;
  log: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface Fleet {
  url: string;
  brokerUrl: string;
  /** Sends a cron function the tick its PingSource would send now; the function's status. */
  fireCron: (name: string) => Promise<number>;
  stop: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitForHealth = async (url: string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(5000) });
      last = `${response.status} ${await response.text()}`;
      if (response.status === 200) return;
    } catch (error) {
      last = String(error);
    }
    await sleep(250);
  }
  throw new Error(`the fleet did not become healthy in ${timeoutMs} ms; last answer: ${last}`);
};

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/**
 * Serves every function locally the way Knative does, from the manifests `npm run gen` writes:
 * each function in its own Functions Framework process (the production host and bundles, started
 * on first request), HTTP requests routed by the HTTPRoutes, cron ticks sent on the PingSources'
 * schedules, and CloudEvents fanned out by the local broker following the Triggers. Expects
 * `npm run gen` and `npm run build` to have run. Resolves once GET /v1/health answers 200.
 */
export const startFleet = async (options: FleetOptions): Promise<Fleet> => {
  const url = `http://127.0.0.1:${options.httpPort}`;
  const brokerUrl = `http://127.0.0.1:${options.brokerPort}`;
  await mkdir(fromRoot('.data'), { recursive: true });
  const pool = createInstancePool({
    services: await readServices(fromRoot('knative/base/services')),
    env: { ...options.env, APP_ENV: 'development', BROKER_URL: brokerUrl },
    log: options.log,
  });
  const broker = await startLocalBroker({
    port: options.brokerPort,
    triggers: await readTriggers(fromRoot('knative/base/eventing/triggers')),
    delivery: await readDeliverySpec(fromRoot('knative/base/eventing/broker.yaml')),
    subscriberUrl: (name) => `${url}${localEventPath(name)}`,
    deadLetterFile: fromRoot('.data/dead-letters.jsonl'),
    log: (line) => options.log(`[broker] ${JSON.stringify(line)}`),
  });
  const gateway = await startGateway({
    port: options.httpPort,
    routes: await readRoutes(fromRoot('knative/base/routes')),
    pool,
    log: options.log,
  });
  const schedules = await readSchedules(fromRoot('knative/base/eventing/pingsources'));
  const deliverTick = async (schedule: (typeof schedules)[number]) => {
    const ping = pingEvent(schedule);
    const response = await fetch(`${url}${localEventPath(schedule.service)}`, { method: 'POST', headers: ping.headers, body: ping.body });
    await response.arrayBuffer();
    return response.status;
  };
  const scheduler = startScheduler({ schedules, deliver: deliverTick, log: options.log });
  const stop = async () => {
    scheduler.stop();
    await Promise.all([closeServer(gateway), closeServer(broker)]);
    await pool.stop();
  };
  try {
    await waitForHealth(url, options.readyTimeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const fireCron = (name: string) => {
    const schedule = schedules.find((s) => s.service === name);
    return schedule ? deliverTick(schedule) : Promise.reject(new Error(`no PingSource for ${name}`));
  };
  return { url, brokerUrl, fireCron, stop };
};
