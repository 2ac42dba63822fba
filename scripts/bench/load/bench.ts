import { availableParallelism, loadavg } from 'node:os';
import { createDriver } from './driver.ts';
import { baselineRoute, percentile, routeFigures, statusCounts, totals } from './figures.ts';
import { actionPicker, mixWeights, runAction, type Action, type JobOutcome } from './mix.ts';
import { seedThroughApi } from './seed.ts';

export interface LoadBenchOptions {
  url: string;
  /** Clients sending at once (closed loop: each sends its next request when the last is answered). */
  concurrency: number;
  /** Requests measured; the run ends when they are sent (an action under way finishes, so a few more). */
  requests: number;
  users: number;
  flowsPerUser: number;
  seed: number;
  log: (line: string) => void;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Seeds through the API, warms every function up (unmeasured), then runs the mix: `concurrency`
 * clients, each drawing its next action from its own seeded stream, until `requests` are sent.
 * Answers the figures of the JSON line and the statuses per route.
 */
export const runLoadBench = async (options: LoadBenchOptions) => {
  const driver = createDriver(options.url, { connections: options.concurrency + 1 });
  try {
    const workers = await seedThroughApi(driver, {
      users: options.users,
      workers: options.concurrency,
      flowsPerUser: options.flowsPerUser,
      knowledge: true,
      log: options.log,
    });
    // Each function's process starts on its first request; one pass of every action keeps that out.
    driver.record(false);
    const warmJobs: JobOutcome[] = [];
    for (const action of ['health', ...Object.keys(mixWeights)] as Action[])
      await runAction(driver, workers[0]!, action, Math.random, warmJobs);
    driver.record(true);
    options.log(`warmed up; running ${options.requests} requests at ${options.concurrency} concurrent`);

    const jobs: JobOutcome[] = [];
    const started = performance.now();
    await Promise.all(
      workers.map(async (worker) => {
        const picker = actionPicker(options.seed * 1000 + worker.index);
        while (driver.sent() < options.requests) await runAction(driver, worker, picker.next(), picker.random, jobs);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const jobMs = jobs.map((job) => job.ms).sort((a, b) => a - b);
    const sums = totals(driver.samples, seconds);
    return {
      line: {
        bench: 'load',
        driver: 'undici Pool, closed loop',
        concurrency: options.concurrency,
        users: options.users,
        flows_per_user: options.flowsPerUser,
        seed: options.seed,
        ...sums,
        error_rate: sums.requests > 0 ? Math.round((sums.errors / sums.requests) * 10_000) / 10_000 : 0,
        baseline: baselineRoute,
        // The fleet, its services and this driver share the host: its load says how far the figures carry.
        host: { cpus: availableParallelism(), load_1m: Math.round(loadavg()[0]! * 10) / 10 },
        ai_jobs: {
          jobs: jobs.length,
          done: jobs.filter((job) => job.status === 'done').length,
          turnaround_p50_ms: round(percentile(jobMs, 0.5)),
          turnaround_p95_ms: round(percentile(jobMs, 0.95)),
        },
        routes: routeFigures(driver.samples, seconds),
      },
      statuses: statusCounts(driver.samples),
    };
  } finally {
    await driver.close();
  }
};

export type LoadLine = Awaited<ReturnType<typeof runLoadBench>>['line'];
