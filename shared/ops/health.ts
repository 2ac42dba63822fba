/** A dependency the health check asks: resolves when it answers, rejects otherwise. */
export interface DependencyProbe {
  name: string;
  check: (signal: AbortSignal) => Promise<void>;
}

export interface DependencyStatus {
  name: string;
  ok: boolean;
  /** Milliseconds until the dependency answered or failed. */
  latencyMs: number;
  /** Why it failed, in words safe to show (no driver messages). */
  error?: 'timeout' | 'unreachable';
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checkedAt: string;
  dependencies: DependencyStatus[];
}

const runProbe = async (probe: DependencyProbe, timeoutMs: number, now: () => number): Promise<DependencyStatus> => {
  const started = now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    await Promise.race([
      probe.check(controller.signal),
      new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('timeout')))),
    ]);
    return { name: probe.name, ok: true, latencyMs: Math.round(now() - started) };
  } catch {
    return { name: probe.name, ok: false, latencyMs: Math.round(now() - started), error: timedOut ? 'timeout' : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
};

/** Asks every dependency at once; healthy only when all answer within the timeout. */
export const checkHealth = async (
  probes: readonly DependencyProbe[],
  options: { timeoutMs: number; now?: () => number; clock?: () => Date },
): Promise<HealthReport> => {
  const now = options.now ?? (() => performance.now());
  const dependencies = await Promise.all(probes.map((probe) => runProbe(probe, options.timeoutMs, now)));
  return {
    status: dependencies.every((d) => d.ok) ? 'ok' : 'degraded',
    checkedAt: (options.clock?.() ?? new Date()).toISOString(),
    dependencies,
  };
};

/**
 * One dependency check shared by every caller for `ttlMs`: callers within that window get the same
 * report, and callers while a check runs wait for it (one probe round, never one per request), so a
 * public endpoint cannot turn its traffic into calls on Stripe, Redis, Chroma or the database.
 */
export const cachedHealthCheck = (
  check: () => Promise<HealthReport>,
  options: { ttlMs: number; now?: () => number },
): (() => Promise<HealthReport>) => {
  const now = options.now ?? (() => performance.now());
  let last: { at: number; report: Promise<HealthReport> } | undefined;
  return () => {
    if (last && now() - last.at < options.ttlMs) return last.report;
    const entry = { at: now(), report: check() };
    last = entry;
    // A check that throws (checkHealth never does) must not stay cached.
    entry.report.catch(() => {
      if (last === entry) last = undefined;
    });
    return entry.report;
  };
};
