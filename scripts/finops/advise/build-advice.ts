import { FinOpsInputError } from '../input/input-error.ts';
import type { PricesFile } from '../input/prices-schema.ts';
import type { UsageFile } from '../input/usage-schema.ts';
import { hoursInMonth } from '../model/build-report.ts';
import { percentileOf, type SimRequest } from '../simulate/simulate-function.ts';
import type { TraceRequest } from '../trace/generate-trace.ts';
import type { AdvisorProfile } from './advisor-profile.ts';
import { choose, type AdvicePolicy, type Choice } from './choose.ts';
import { coldStartOf, type ColdStartFigures } from './cold-start-figures.ts';
import { evaluate, type Evaluation, type Replay } from './evaluate.ts';
import { candidateSettings, definitionSetting } from './setting.ts';

export interface FunctionAdvice extends Choice {
  profile: AdvisorProfile;
  coldStartMs: number;
  coldStartMeasured: boolean;
  /** The same traffic under the staging overlay's rule (no floors). */
  staging: Evaluation;
  requests: number;
}

/** The spot share of pod-hours of one environment and setting, and the on-demand pods that hold it down. */
export interface SpotShare {
  share: number;
  podHours: number;
  /** Functions whose pods run on on-demand nodes, most hours first. */
  onDemand: { name: string; podHours: number; reason: string; extraCost: number }[];
}

export interface Advice {
  month: string;
  environment: UsageFile['environment'];
  currency: string;
  windowHours: number;
  policy: AdvicePolicy;
  platformStartMs: number;
  helloMs: number;
  functions: FunctionAdvice[];
  totals: {
    costNow: number;
    costRecommended: number;
    p95NowMs: number;
    p95RecommendedMs: number;
    spotNow: SpotShare;
    spotRecommended: SpotShare;
    spotStaging: SpotShare;
    reverted: string[];
  };
  spotPolicy: number;
}

export interface AdviceInputs {
  profiles: readonly AdvisorProfile[];
  usage: UsageFile;
  prices: PricesFile;
  trace: readonly TraceRequest[];
  traceFile: string;
  coldStarts: ColdStartFigures;
  platformStartMs: number;
  /** A bare functions-framework start on a node; × each function's bench ratio is its process start. */
  helloMs: number;
  policy: AdvicePolicy;
}

const hourMs = 3_600_000;

/** The trace's window: whole hours from its first to its last request. */
const windowOf = (trace: readonly TraceRequest[]) => {
  const start = Math.floor(trace[0]!.at / hourMs) * hourMs;
  const end = Math.max(start + hourMs, Math.ceil((trace.at(-1)!.at + 1) / hourMs) * hourMs);
  return { start, windowMs: end - start };
};

const byFunction = (traceFile: string, trace: readonly TraceRequest[], start: number, known: ReadonlySet<string>) => {
  const requests = new Map<string, SimRequest[]>();
  const unknown = new Set<string>();
  for (const request of trace) {
    if (!known.has(request.function)) unknown.add(request.function);
    else {
      const own = requests.get(request.function) ?? [];
      own.push({ at: request.at - start, durationMs: request.durationMs });
      requests.set(request.function, own);
    }
  }
  if (unknown.size > 0)
    throw new FinOpsInputError(
      traceFile,
      [...unknown].map((name) => `function: unknown function "${name}" (not in functions/)`),
    );
  return requests;
};

const allLatencies = (evaluations: readonly Evaluation[]) => {
  const size = evaluations.reduce((n, e) => n + e.latencies.length, 0);
  const all = new Float64Array(size);
  let offset = 0;
  for (const e of evaluations) {
    all.set(e.latencies, offset);
    offset += e.latencies.length;
  }
  return all;
};

/** Spot share of pod-hours; the on-demand pods with why they are there and what spot would save. */
const spotShareOf = (rows: readonly { profile: AdvisorProfile; evaluation: Evaluation }[], prices: PricesFile): SpotShare => {
  const podHours = rows.reduce((n, r) => n + r.evaluation.podHours, 0);
  const spot = rows.reduce((n, r) => n + r.evaluation.spotPodHours, 0);
  const perHour = (p: AdvisorProfile, kind: 'spot' | 'onDemand') => p.vcpu * prices[kind].vcpuHour + p.memoryGib * prices[kind].gibHour;
  const onDemand = rows
    .map(({ profile, evaluation }) => {
      const hours = evaluation.podHours - evaluation.spotPodHours;
      const { setting } = evaluation;
      const reason =
        setting.spot === 'never'
          ? setting.minScale > 0
            ? `warm floor of ${setting.minScale} on on-demand nodes (tier ${setting.tier})`
            : 'its definition says spot: never'
          : 'spot fallback (no spot capacity, preemption)';
      return { name: profile.name, podHours: hours, reason, extraCost: hours * (perHour(profile, 'onDemand') - perHour(profile, 'spot')) };
    })
    .filter((row) => row.podHours > 0)
    .sort((a, b) => b.podHours - a.podHours || a.name.localeCompare(b.name));
  return { share: podHours > 0 ? spot / podHours : 0, podHours, onDemand };
};

/**
 * Replays the trace for every defined function under its current setting (the definitions' rule in
 * the usage file's environment) and each candidate, keeps the cheapest acceptable one (choose.ts),
 * then makes sure the whole replay's p95 is not worse: while it is, the recommendation that adds
 * the most slow requests goes back to the current setting.
 */
export const buildAdvice = (inputs: AdviceInputs): Advice => {
  const { profiles, usage, prices, trace, policy } = inputs;
  const { start, windowMs } = windowOf(trace);
  const replay: Replay = {
    windowMs,
    toMonth: (hoursInMonth(usage.month) * hourMs) / windowMs,
    prices,
    spotFallbackShare: usage.spotFallbackShare ?? prices.spotFallbackShare,
  };
  const requests = byFunction(inputs.traceFile, trace, start, new Set(profiles.map((p) => p.name)));
  const coldStart = coldStartOf(inputs.coldStarts, inputs.platformStartMs, inputs.helloMs);
  const functions: FunctionAdvice[] = profiles.map((profile) => {
    const own = requests.get(profile.name) ?? [];
    const { ms, measured } = coldStart(profile.name);
    const current = definitionSetting(profile, usage.environment);
    const evaluations = candidateSettings(profile, current).map((s) => evaluate(profile, own, s, ms, replay));
    const staging = evaluate(profile, own, definitionSetting(profile, 'staging'), ms, replay);
    return {
      ...choose(profile, evaluations, policy),
      profile,
      coldStartMs: ms,
      coldStartMeasured: measured,
      staging,
      requests: own.length * replay.toMonth,
    };
  });
  const reverted: string[] = [];
  const p95Of = (pick: (f: FunctionAdvice) => Evaluation) => percentileOf(allLatencies(functions.map(pick)), 95);
  const p95Now = p95Of((f) => f.now);
  for (let p95 = p95Of((f) => f.recommended); p95 > p95Now; p95 = p95Of((f) => f.recommended)) {
    const slowed = (f: FunctionAdvice) =>
      f.recommended.latencies.filter((l) => l > p95Now).length - f.now.latencies.filter((l) => l > p95Now).length;
    const worst = functions.filter((f) => f.recommended !== f.now).sort((a, b) => slowed(b) - slowed(a))[0];
    if (!worst) break;
    worst.recommended = worst.now;
    worst.reason = `kept: scaling it down would raise the whole replay's p95 above ${p95Now.toFixed(0)} ms`;
    reverted.push(worst.profile.name);
  }
  const pick = (which: 'now' | 'recommended' | 'staging') => functions.map((f) => ({ profile: f.profile, evaluation: f[which] }));
  const sum = (which: 'now' | 'recommended') => functions.reduce((n, f) => n + f[which].cost, 0);
  return {
    month: usage.month,
    environment: usage.environment,
    currency: prices.currency,
    windowHours: windowMs / hourMs,
    policy,
    platformStartMs: inputs.platformStartMs,
    helloMs: inputs.helloMs,
    functions,
    totals: {
      costNow: sum('now'),
      costRecommended: sum('recommended'),
      p95NowMs: p95Now,
      p95RecommendedMs: p95Of((f) => f.recommended),
      spotNow: spotShareOf(pick('now'), prices),
      spotRecommended: spotShareOf(pick('recommended'), prices),
      spotStaging: spotShareOf(pick('staging'), prices),
      reverted,
    },
    spotPolicy: 0.7,
  };
};
