/** One request of the load: a name (for the summary) and how to send it. */
export interface LoadAction {
  name: string;
  kind: 'read' | 'write';
  send: () => Promise<Response>;
}

export type Phase = 'before' | 'fault' | 'after';

/** What a scenario saw, per phase; `violations` lists every answer that broke the contract. */
export interface PhaseCounts {
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  /** 503s, by problem `code`. */
  unavailable: Record<string, number>;
  /** Every 4xx, by `<status> <code>` (a dependency failure must never pass for a refusal). */
  refused: Record<string, number>;
  latencyMs: { p50: number; p95: number; max: number };
}

export interface LoadRecorder {
  record: (phase: Phase, action: LoadAction, response: Response, ms: number) => Promise<void>;
  counts: () => Record<Phase, PhaseCounts>;
  violations: () => string[];
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * Counts answers and checks each against the fault contract: never a 5xx other than 503, a 503 is
 * problem+json with a `code` and a `Retry-After` header, and never a 401, 403 or 404 (the callers
 * are valid members: an outage must not read as "signed out" or "gone").
 */
export const createRecorder = (): LoadRecorder => {
  const phases = new Map<
    Phase,
    { statuses: Map<number, number>; unavailable: Map<string, number>; refused: Map<string, number>; latencies: number[] }
  >();
  const violations: string[] = [];
  const of = (phase: Phase) => {
    if (!phases.has(phase)) phases.set(phase, { statuses: new Map(), unavailable: new Map(), refused: new Map(), latencies: [] });
    return phases.get(phase)!;
  };
  return {
    record: async (phase, action, response, ms) => {
      const seen = of(phase);
      seen.statuses.set(response.status, (seen.statuses.get(response.status) ?? 0) + 1);
      seen.latencies.push(ms);
      const text = await response.text();
      if (response.status < 400) return;
      const type = response.headers.get('content-type') ?? '';
      let code = 'NOT_PROBLEM_JSON';
      if (type.startsWith('application/problem+json')) code = String((JSON.parse(text) as { code?: unknown }).code);
      const key = `${response.status} ${code}`;
      if (response.status < 500) {
        seen.refused.set(key, (seen.refused.get(key) ?? 0) + 1);
        // Every load caller is a valid member: a dependency failure must never pass for a refusal.
        if ([401, 403, 404].includes(response.status)) violations.push(`${phase} ${action.name}: ${key} for a valid caller`);
        return;
      }
      if (response.status === 503) seen.unavailable.set(code, (seen.unavailable.get(code) ?? 0) + 1);
      const retryAfter = response.headers.get('retry-after');
      if (response.status !== 503) violations.push(`${phase} ${action.name}: ${response.status} ${code}`);
      else if (code === 'NOT_PROBLEM_JSON') violations.push(`${phase} ${action.name}: 503 without problem+json`);
      else if (!retryAfter || !/^\d+$/.test(retryAfter)) violations.push(`${phase} ${action.name}: 503 ${code} without Retry-After`);
    },
    counts: () => {
      const out = {} as Record<Phase, PhaseCounts>;
      for (const phase of ['before', 'fault', 'after'] as const) {
        const seen = of(phase);
        const sorted = [...seen.latencies].sort((a, b) => a - b);
        const byStatus = Object.fromEntries([...seen.statuses].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]));
        out[phase] = {
          requests: seen.latencies.length,
          byStatus,
          serverErrors: [...seen.statuses].filter(([s]) => s >= 500 && s !== 503).reduce((sum, [, n]) => sum + n, 0),
          unavailable: Object.fromEntries(seen.unavailable),
          refused: Object.fromEntries(seen.refused),
          latencyMs: {
            p50: Math.round(percentile(sorted, 0.5)),
            p95: Math.round(percentile(sorted, 0.95)),
            max: Math.round(sorted.at(-1) ?? 0),
          },
        };
      }
      return out;
    },
    violations: () => [...violations],
  };
};

/**
 * Runs `actions` round-robin from `concurrency` workers until `stop()` resolves, recording each
 * answer under the phase `phaseOf()` names when the request was sent. A request that throws (the
 * app itself failed, not a dependency) is a violation.
 */
export const runLoad = async (options: {
  actions: (phase: Phase) => LoadAction;
  concurrency: number;
  phaseOf: () => Phase;
  recorder: LoadRecorder;
  until: Promise<unknown>;
}): Promise<void> => {
  let done = false;
  void options.until.finally(() => {
    done = true;
  });
  const worker = async () => {
    while (!done) {
      const phase = options.phaseOf();
      const action = options.actions(phase);
      const started = performance.now();
      const response = await action.send();
      await options.recorder.record(phase, action, response, performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
};
