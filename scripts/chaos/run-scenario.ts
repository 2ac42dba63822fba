import { ensureServices, type ServiceName } from '../services/index.ts';
import { startFaultProxy, type ProxyMode } from './fault-proxy.ts';
import { createRecorder, runLoad, type LoadAction, type Phase, type PhaseCounts } from './load.ts';

/** What a scenario builds on the proxied env: its load, the round that shows recovery, its invariants. */
export interface ScenarioRig {
  /** The next request of the load; the phase lets a rig keep an instance cold until the fault. */
  nextAction: (phase: Phase) => LoadAction;
  /** Sent one by one once the dependency is back: each must answer below 500. */
  probes: () => LoadAction[];
  check: () => Promise<{ partialWrites: string[]; [finding: string]: unknown }>;
  close: () => Promise<void>;
}

export interface Scenario {
  name: string;
  /** The local services the rig needs, and the one put behind the proxy. */
  services: readonly ServiceName[];
  target: { service: ServiceName; variable: string };
  fault: ProxyMode;
  latencyMs?: number;
  rig: (name: string, env: Record<string, string>) => Promise<ScenarioRig>;
  /** Scenario-specific expectations on the counts (e.g. reads keep answering 200 while Redis is down). */
  expect?: (phases: Record<Phase, PhaseCounts>) => string[];
  /** Scenario-specific expectations on a probe's answer once the dependency is back. */
  expectProbe?: (name: string, response: Response) => string[];
  /** Timings of its own (e.g. longer after the fault, when a client backs off for a while). */
  runOptions?: Partial<RunOptions>;
}

export interface RunOptions {
  beforeMs: number;
  faultMs: number;
  afterMs: number;
  concurrency: number;
}

export const defaultRunOptions: RunOptions = { beforeMs: 1500, faultMs: 5000, afterMs: 4000, concurrency: 6 };

export interface ChaosSummary {
  chaos: string;
  fault: string;
  requests: number;
  byStatus: Record<string, number>;
  server_errors: number;
  partial_writes: number;
  recovered: boolean;
  violations: string[];
  phases: Record<Phase, PhaseCounts>;
  findings: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `scheme://host:port/rest` pointed at the proxy instead. */
const throughProxy = (url: string, port: number) => url.replace(/^([a-z+]+:\/\/)(?:[^@/]*@)?[^/?#]+/, `$1127.0.0.1:${port}`);

/**
 * Runs one scenario: the rig's apps and crons on an env whose dependency is reached through a
 * fault proxy; a load before, during and after the fault; then the probe round on the same apps
 * (nothing restarted) and the rig's invariants.
 */
export const runScenario = async (scenario: Scenario, overrides: Partial<RunOptions> = {}): Promise<ChaosSummary> => {
  const options = { ...defaultRunOptions, ...scenario.runOptions, ...overrides };
  const services = await ensureServices({ only: [...scenario.services] });
  const upstream = services[scenario.target.variable];
  if (!upstream) throw new Error(`${scenario.target.service} gives no ${scenario.target.variable}`);
  const { hostname, port } = new URL(upstream.replace(/^[a-z+]+:/, 'http:'));
  const proxy = await startFaultProxy({ host: hostname, port: Number(port) });
  const rig = await scenario.rig(`chaos_${scenario.name}`, { [scenario.target.variable]: throughProxy(upstream, proxy.port) });
  try {
    const recorder = createRecorder();
    let phase: Phase = 'before';
    const timeline = (async () => {
      await sleep(options.beforeMs);
      proxy.set(scenario.fault, scenario.latencyMs);
      phase = 'fault';
      await sleep(options.faultMs);
      proxy.set('up');
      phase = 'after';
      await sleep(options.afterMs);
    })();
    await runLoad({ actions: rig.nextAction, concurrency: options.concurrency, phaseOf: () => phase, recorder, until: timeline });
    const probeStatuses: Record<string, number> = {};
    const probeFindings: string[] = [];
    for (const probe of rig.probes()) {
      const response = await probe.send();
      await response.arrayBuffer();
      probeStatuses[probe.name] = response.status;
      probeFindings.push(...(scenario.expectProbe?.(probe.name, response) ?? []));
    }
    const { partialWrites, ...findings } = await rig.check();
    const phases = recorder.counts();
    const byStatus: Record<string, number> = {};
    for (const counts of Object.values(phases))
      for (const [status, n] of Object.entries(counts.byStatus)) byStatus[status] = (byStatus[status] ?? 0) + n;
    const recovered = Object.values(probeStatuses).every((status) => status < 500);
    const violations = [...recorder.violations(), ...(scenario.expect?.(phases) ?? []), ...probeFindings, ...partialWrites];
    if (!recovered) violations.push(`after recovery the probes answered ${JSON.stringify(probeStatuses)}`);
    return {
      chaos: scenario.name,
      fault:
        scenario.fault === 'slow'
          ? `slow ${scenario.latencyMs} ms per chunk`
          : `${scenario.target.service} stopped for ${options.faultMs} ms`,
      requests: Object.values(phases).reduce((sum, p) => sum + p.requests, 0),
      byStatus,
      server_errors: Object.values(phases).reduce((sum, p) => sum + p.serverErrors, 0),
      partial_writes: partialWrites.length,
      recovered,
      violations,
      phases,
      findings: { ...findings, probes: probeStatuses, proxiedConnections: proxy.accepted() },
    };
  } finally {
    await rig.close();
    await proxy.close();
  }
};
