import path from 'node:path';
import { parseArgs } from 'node:util';
import { FinOpsInputError } from './input/input-error.ts';
import { processIo, type Io } from './io.ts';
import { loadAdvisorProfiles, loadProfiles } from './load-profiles.ts';
import { defaultTraceOptions, runAdvise, runTrace } from './advise-command.ts';
import { defaultPolicy } from './advise/choose.ts';
import { runReport } from './report-command.ts';
import { runReservations } from './reservations-command.ts';

export const usageText = `Usage:
  npm run finops -- report --usage <usage.json> --prices <prices.json> [--out <dir>] [--top <n>]
  npm run finops -- reservations --usage <node-usage.json>
  npm run finops -- advise --usage <usage.json> [--trace <requests.jsonl>] [--prices <prices.json>]
      [--cold-starts <figures.json>] [--platform-start-ms <ms>] [--hello-ms <ms>] [--objective-ms <ms>]
      [--cold-start-value <amount>] [--days <n>] [--seed <n>] [--out <dir>] [--write-scaling]
  npm run finops -- trace --usage <usage.json> [--days <n>] [--seed <n>] [--out <dir>]
`;

/** A command line that cannot be run; printed with the usage text. */
class UsageError extends Error {}

const options = {
  usage: { type: 'string' },
  prices: { type: 'string' },
  out: { type: 'string', default: path.join('.data', 'finops') },
  top: { type: 'string' },
  trace: { type: 'string' },
  'cold-starts': { type: 'string', default: path.join('scripts', 'finops', 'fixtures', 'cold-starts.json') },
  'platform-start-ms': { type: 'string' },
  'hello-ms': { type: 'string' },
  'objective-ms': { type: 'string' },
  'cold-start-value': { type: 'string' },
  days: { type: 'string' },
  seed: { type: 'string' },
  'write-scaling': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

const required = (value: string | undefined, flag: string): string => {
  if (!value) throw new UsageError(`--${flag} is required`);
  return value;
};

const topOf = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--top must be a positive whole number, got "${value}"`);
  return Number(value);
};

const numberOf = (value: string | undefined, flag: string, fallback: number, whole = false): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || (whole && !Number.isInteger(parsed)))
    throw new UsageError(`--${flag} must be a ${whole ? 'whole ' : ''}number ≥ 0, got "${value}"`);
  return parsed;
};

const traceOptionsOf = (values: { days?: string | undefined; seed?: string | undefined }) => {
  const days = numberOf(values.days, 'days', defaultTraceOptions.days, true);
  if (days < 1) throw new UsageError('--days must be at least 1');
  return { ...defaultTraceOptions, days, seed: numberOf(values.seed, 'seed', defaultTraceOptions.seed, true) };
};

/** Platform share of a cold start on GKE: pod scheduled on a node with the image, containers created, queue-proxy ready. */
const defaultPlatformStartMs = 1000;

/** A bare functions-framework process start on an idle node (docs/platform.md measured 142–261 ms here). */
const defaultHelloMs = 250;

/**
 * Runs one finops command and answers the exit code: 0, or 1 after printing what was wrong
 * (bad flags, a missing or invalid input file naming the file and field, an unknown function).
 */
export const main = async (
  argv: readonly string[],
  io: Io = processIo,
  profiles = loadProfiles,
  advisorProfiles = loadAdvisorProfiles,
): Promise<number> => {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    const [command, ...extra] = positionals;
    if (values.help) return (io.stdout(usageText), 0);
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    if (command === 'report') {
      const report = {
        usage: required(values.usage, 'usage'),
        prices: required(values.prices, 'prices'),
        out: values.out,
        top: topOf(values.top),
      };
      await runReport(report, io, profiles);
    } else if (command === 'advise') {
      const advise = {
        usage: required(values.usage, 'usage'),
        prices: values.prices ?? path.join('scripts', 'finops', 'fixtures', 'prices.json'),
        trace: values.trace,
        coldStarts: values['cold-starts'],
        platformStartMs: numberOf(values['platform-start-ms'], 'platform-start-ms', defaultPlatformStartMs),
        helloMs: numberOf(values['hello-ms'], 'hello-ms', defaultHelloMs),
        policy: {
          ...defaultPolicy,
          objectiveMs: numberOf(values['objective-ms'], 'objective-ms', defaultPolicy.objectiveMs),
          coldStartValue: numberOf(values['cold-start-value'], 'cold-start-value', defaultPolicy.coldStartValue),
        },
        out: values.out,
        writeScaling: values['write-scaling'],
        traceOptions: traceOptionsOf(values),
      };
      await runAdvise(advise, io, advisorProfiles);
    } else if (command === 'trace') {
      await runTrace(
        { usage: required(values.usage, 'usage'), out: values.out, traceOptions: traceOptionsOf(values) },
        io,
        advisorProfiles,
      );
    } else if (command === 'reservations') await runReservations({ usage: required(values.usage, 'usage') }, io);
    else throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
    return 0;
  } catch (error) {
    if (error instanceof FinOpsInputError) io.stderr(`finops: ${error.message}\n`);
    else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      io.stderr(`finops: ${(error as Error).message}\n${usageText}`);
    else throw error;
    return 1;
  }
};
