import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromRoot } from '../lib/paths.ts';
import type { AdvisorProfile } from './advise/advisor-profile.ts';
import { buildAdvice } from './advise/build-advice.ts';
import type { AdvicePolicy } from './advise/choose.ts';
import { coldStartFiguresSchema } from './advise/cold-start-figures.ts';
import { adviceBenchLine, renderAdviceJson, renderAdviceMarkdown } from './advise/render-advice.ts';
import { renderAdviceChart } from './advise/render-chart.ts';
import { productionScalingPath } from './advise/scaling-file.ts';
import { scalingFileOf } from './advise/write-scaling.ts';
import { FinOpsInputError } from './input/input-error.ts';
import { pricesFileSchema } from './input/prices-schema.ts';
import { readInput } from './input/read-input.ts';
import { usageFileSchema } from './input/usage-schema.ts';
import type { Io } from './io.ts';
import { defaultTraceOptions, generateTrace, type ArrivalKind, type TraceOptions } from './trace/generate-trace.ts';
import { readTrace, writeTrace } from './trace/trace-file.ts';

export interface AdviseOptions {
  usage: string;
  prices: string;
  trace: string | undefined;
  coldStarts: string;
  platformStartMs: number;
  helloMs: number;
  policy: AdvicePolicy;
  out: string;
  writeScaling: boolean;
  traceOptions: TraceOptions;
}

export const adviceFiles = { markdown: 'finops-advice.md', json: 'finops-advice.json', svg: 'finops-advice.svg' } as const;

const kindsOf = (profiles: readonly AdvisorProfile[]) => new Map<string, ArrivalKind>(profiles.map((p) => [p.name, p.kind]));

/** `finops trace`: writes a generated trace of the usage file's traffic to `<out>/requests.jsonl`. */
export const runTrace = async (
  options: { usage: string; out: string; traceOptions: TraceOptions },
  io: Io,
  loadProfiles: () => Promise<AdvisorProfile[]>,
): Promise<void> => {
  const [usage, profiles] = await Promise.all([readInput(options.usage, usageFileSchema), loadProfiles()]);
  const trace = generateTrace(usage, kindsOf(profiles), options.traceOptions);
  await mkdir(options.out, { recursive: true });
  const file = path.join(options.out, 'requests.jsonl');
  await writeTrace(file, trace);
  io.stderr(`Wrote ${file}: ${trace.length} requests over ${options.traceOptions.days} days (seed ${options.traceOptions.seed})\n`);
};

/**
 * `finops advise`: replays the trace (or one generated from the usage file) under the current and
 * candidate settings, prints the Markdown and the bench JSON line, writes Markdown, JSON and SVG
 * into `--out`, and with `--write-scaling` the reviewed production file.
 */
export const runAdvise = async (options: AdviseOptions, io: Io, loadProfiles: () => Promise<AdvisorProfile[]>): Promise<void> => {
  const [usage, prices, coldStarts, profiles] = await Promise.all([
    readInput(options.usage, usageFileSchema),
    readInput(options.prices, pricesFileSchema),
    readInput(options.coldStarts, coldStartFiguresSchema),
    loadProfiles(),
  ]);
  const trace = options.trace ? await readTrace(options.trace) : generateTrace(usage, kindsOf(profiles), options.traceOptions);
  if (trace.length === 0) throw new FinOpsInputError(options.usage, ['functions: no requests to replay']);
  const traceFile = options.trace ?? `generated (${options.traceOptions.days} days, seed ${options.traceOptions.seed})`;
  const advice = buildAdvice({
    profiles,
    usage,
    prices,
    trace,
    traceFile,
    coldStarts,
    platformStartMs: options.platformStartMs,
    helloMs: options.helloMs,
    policy: options.policy,
  });
  const markdown = renderAdviceMarkdown(advice);
  await mkdir(options.out, { recursive: true });
  const outputs = { markdown, json: renderAdviceJson(advice), svg: renderAdviceChart(advice) };
  for (const [kind, file] of Object.entries(adviceFiles) as [keyof typeof adviceFiles, string][])
    await writeFile(path.join(options.out, file), outputs[kind]);
  io.stdout(`${markdown}\n${adviceBenchLine(advice)}\n`);
  const written = Object.values(adviceFiles).map((file) => path.join(options.out, file));
  if (options.writeScaling) {
    if (usage.environment !== 'production')
      throw new FinOpsInputError(options.usage, ['environment: --write-scaling needs production usage']);
    const source = `${options.usage} (${usage.month}), trace ${traceFile}, cold starts ${options.coldStarts}`;
    await mkdir(path.dirname(fromRoot(productionScalingPath)), { recursive: true });
    await writeFile(fromRoot(productionScalingPath), `${JSON.stringify(scalingFileOf(advice, source), null, 2)}\n`);
    written.push(productionScalingPath);
  }
  io.stderr(`Wrote ${written.join(', ')}\n`);
};

export { defaultTraceOptions };
