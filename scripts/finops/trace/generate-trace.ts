import type { UsageFile } from '../input/usage-schema.ts';
import { hoursInMonth } from '../model/build-report.ts';
import { rateFactor } from './diurnal.ts';
import { normal, poisson, seededRandom } from './random.ts';

/** One request (an HTTP call, an event or a cron tick) of a trace: when it arrived, for whom, how long it ran. */
export interface TraceRequest {
  /** Milliseconds since the Unix epoch. */
  at: number;
  function: string;
  durationMs: number;
}

/** How a function's requests arrive: cron ticks on a clock, everything else with the users. */
export type ArrivalKind = 'http' | 'event' | 'cron';

export interface TraceOptions {
  /** First instant of the trace (ms since epoch); a Monday 00:00 UTC makes the week's shape start clean. */
  start: number;
  days: number;
  seed: number;
  /** Burst episodes per HTTP function and day (mean); each lasts 1–5 minutes at 4–10 × the rate. */
  burstsPerDay: number;
}

export const defaultTraceOptions: TraceOptions = { start: Date.UTC(2025, 5, 2), days: 3, seed: 18, burstsPerDay: 2 };

const minuteMs = 60_000;

/** Durations spread log-normally around the measured mean (σ 0.5), so the mean stays the usage file's. */
const durationOf = (random: () => number, mean: number) => {
  const sigma = 0.5;
  return Math.max(1, Math.round(Math.exp(Math.log(Math.max(mean, 1)) - sigma ** 2 / 2 + sigma * normal(random))));
};

/** The minutes (from the trace start) that sit inside a burst, with their multiplier. */
const burstMinutes = (random: () => number, options: TraceOptions): Map<number, number> => {
  const bursts = new Map<number, number>();
  const episodes = poisson(random, options.burstsPerDay * options.days);
  for (let episode = 0; episode < episodes; episode += 1) {
    const first = Math.floor(random() * options.days * 1440);
    const length = 1 + Math.floor(random() * 5);
    const multiplier = 4 + random() * 6;
    for (let minute = first; minute < first + length; minute += 1) bursts.set(minute, multiplier);
  }
  return bursts;
};

/**
 * A synthetic trace for the usage file's functions over `days`: cron functions tick evenly at their
 * monthly count; HTTP and event functions arrive as a Poisson process per minute whose rate follows
 * a European working day and week (`diurnal.ts`), HTTP functions with burst episodes on top. Rare
 * functions keep their rarity (a few requests a day or fewer): the long tail. Sorted by time.
 */
export const generateTrace = (usage: UsageFile, kinds: ReadonlyMap<string, ArrivalKind>, options = defaultTraceOptions): TraceRequest[] => {
  const random = seededRandom(options.seed);
  const monthMinutes = hoursInMonth(usage.month) * 60;
  const minutes = options.days * 1440;
  const requests: TraceRequest[] = [];
  for (const row of usage.functions) {
    const perMinute = row.requests / monthMinutes;
    if (perMinute === 0) continue;
    if (kinds.get(row.function) === 'cron') {
      const periodMs = minuteMs / perMinute;
      const offset = random() * periodMs;
      for (let at = offset; at < minutes * minuteMs; at += periodMs)
        requests.push({ at: options.start + Math.round(at), function: row.function, durationMs: durationOf(random, row.avgDurationMs) });
      continue;
    }
    const bursts = kinds.get(row.function) === 'http' ? burstMinutes(random, options) : new Map<number, number>();
    for (let minute = 0; minute < minutes; minute += 1) {
      const instant = new Date(options.start + minute * minuteMs);
      const rate = perMinute * rateFactor(instant.getUTCHours(), instant.getUTCDay()) * (bursts.get(minute) ?? 1);
      const count = poisson(random, rate);
      for (let index = 0; index < count; index += 1) {
        const at = options.start + minute * minuteMs + Math.floor(random() * minuteMs);
        requests.push({ at, function: row.function, durationMs: durationOf(random, row.avgDurationMs) });
      }
    }
  }
  return requests.sort((a, b) => a.at - b.at || a.function.localeCompare(b.function));
};
