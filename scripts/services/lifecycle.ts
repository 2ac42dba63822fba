import { withLock } from './lock.ts';
import { livePid, stopProcess, waitUntilReady, type Started } from './process.ts';
import { getService, isOverridden, localServices, parseServiceNames, serviceEnv, services } from './registry.ts';
import type { Service, ServiceName } from './service.ts';

export type EnsureOptions = {
  /** Service names (`mongodb`, `redis`, `upstash`, `chroma`, `stripe`, `mail`); default: all. */
  only?: readonly string[];
  /** Where overrides (`MONGODB_URI`, …) are read from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Progress lines; default: stderr. */
  log?: (line: string) => void;
};

const stderrLog = (line: string): void => {
  process.stderr.write(`[services] ${line}\n`);
};

/**
 * Installs (first time only) and starts every requested local service that does not answer
 * yet, in parallel, and waits until each answers. Services already answering are left alone;
 * services whose override variable is set are skipped. Safe to call from several processes at
 * once. Returns the variables pointing at the requested services. Throws listing every failure.
 */
export async function ensureServices(options: EnsureOptions = {}): Promise<Record<string, string>> {
  const env = options.env ?? process.env;
  const log = options.log ?? stderrLog;
  const only = options.only === undefined ? undefined : parseServiceNames(options.only);
  const pending = new Map<ServiceName, Promise<void>>();
  const ensure = (service: Service): Promise<void> => {
    const existing = pending.get(service.name);
    if (existing !== undefined) return existing;
    const promise = ensureOne(service, (name) => ensure(getService(name)), log);
    pending.set(service.name, promise);
    return promise;
  };
  const outcomes = await Promise.allSettled(localServices(env, only).map(ensure));
  const failures = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)] : [],
  );
  if (failures.length > 0) throw new Error(`local services are not ready:\n- ${[...new Set(failures)].join('\n- ')}`);
  return serviceEnv(env, only);
}

async function ensureOne(
  service: Service,
  ensureDependency: (name: ServiceName) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  if (await service.probe()) return;
  await withLock(service.name, async () => {
    if (await service.probe()) return;
    const startedAt = Date.now();
    await service.install();
    await Promise.all((service.dependsOn ?? []).map(ensureDependency));
    const pid = livePid(service.name);
    let started: Started | undefined;
    if (pid === null) {
      log(`starting ${service.name} (${service.description})`);
      started = service.start();
    } else {
      log(`${service.name} is running (pid ${pid}) but not answering yet; waiting`);
    }
    await waitUntilReady(service.name, service.probe, { timeoutMs: service.startTimeoutMs, started });
    log(`${service.name} answers at ${service.address} (${((Date.now() - startedAt) / 1000).toFixed(1)}s)`);
  });
}

/** Stops the services these scripts started (dependants first). Returns the ones that were running. */
export async function stopServices(options: { only?: readonly string[] } = {}): Promise<ServiceName[]> {
  const only = options.only === undefined ? undefined : parseServiceNames(options.only);
  const stopped: ServiceName[] = [];
  for (const service of [...services].reverse()) {
    if (only !== undefined && !only.includes(service.name)) continue;
    if (await stopProcess(service.name)) stopped.push(service.name);
  }
  return stopped;
}

export type ServiceStatus = {
  name: ServiceName;
  description: string;
  address: string;
  state: 'up' | 'down' | 'external' | 'unresponsive';
  /** Pid of the process these scripts started, if alive. */
  pid: number | null;
};

/** Probes every service once. Overridden services are reported as `external`, not probed. */
export async function serviceStatus(env: NodeJS.ProcessEnv = process.env): Promise<ServiceStatus[]> {
  return Promise.all(
    services.map(async (service): Promise<ServiceStatus> => {
      const base = { name: service.name, description: service.description, address: service.address };
      if (isOverridden(service, env)) {
        const address = withoutCredentials(env[service.overrideVar ?? ''] ?? '');
        return { ...base, description: `external (${service.overrideVar})`, address, state: 'external', pid: null };
      }
      const pid = livePid(service.name);
      const answers = await service.probe();
      return { ...base, state: answers ? 'up' : pid === null ? 'down' : 'unresponsive', pid };
    }),
  );
}

/** Status output must not print a password that an override URL carries. */
function withoutCredentials(address: string): string {
  try {
    const url = new URL(address);
    if (url.username === '' && url.password === '') return address;
    url.username = '***';
    url.password = '';
    return url.toString();
  } catch {
    return address;
  }
}
