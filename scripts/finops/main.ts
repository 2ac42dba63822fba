import path from 'node:path';
import { parseArgs } from 'node:util';
import { FinOpsInputError } from './input/input-error.ts';
import { processIo, type Io } from './io.ts';
import { loadProfiles } from './load-profiles.ts';
import { runReport } from './report-command.ts';
import { runReservations } from './reservations-command.ts';

export const usageText = `Usage:
  npm run finops -- report --usage <usage.json> --prices <prices.json> [--out <dir>] [--top <n>]
  npm run finops -- reservations --usage <node-usage.json>
`;

/** A command line that cannot be run; printed with the usage text. */
class UsageError extends Error {}

const options = {
  usage: { type: 'string' },
  prices: { type: 'string' },
  out: { type: 'string', default: path.join('.data', 'finops') },
  top: { type: 'string' },
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

/**
 * Runs one finops command and answers the exit code: 0, or 1 after printing what was wrong
 * (bad flags, a missing or invalid input file naming the file and field, an unknown function).
 */
export const main = async (argv: readonly string[], io: Io = processIo, profiles = loadProfiles): Promise<number> => {
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
