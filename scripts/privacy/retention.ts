import { retentionResources } from '../../shared/infra/privacy/retention-resource.ts';
import type { RetentionCounts } from '../../shared/privacy/index.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';

export interface RetentionReport {
  rule: string;
  what: string;
  counts: RetentionCounts;
}

/**
 * Every retention job once, on the database `env` names: counted only (`dryRun`), or run. The
 * crons (functions/privacy/retention-*.ts) run the same jobs on schedule.
 */
export const runRetention = async (
  env: Record<string, string | undefined>,
  options: { dryRun: boolean; now?: Date },
): Promise<RetentionReport[]> => {
  const runtime = createRuntime(
    { name: 'privacy-retention', uses: [...retentionResources] },
    { APP_ENV: 'development', LOG_LEVEL: 'warn', ...env },
  );
  try {
    const now = options.now ?? new Date();
    const reports: RetentionReport[] = [];
    for (const resource of retentionResources) {
      const job = runtime.use(resource);
      reports.push({ rule: job.rule, what: job.what, counts: await (options.dryRun ? job.dryRun(now) : job.run(now)) });
    }
    return reports;
  } finally {
    await runtime.close();
  }
};

export const printRetention = (reports: readonly RetentionReport[], dryRun: boolean): string =>
  reports
    .map(({ rule, what, counts }) => {
      const figures = Object.entries(counts)
        .map(([store, n]) => `${store} ${n}`)
        .join(', ');
      return `${rule}: ${dryRun ? 'would remove' : 'removed'} ${figures || 'nothing'}\n  (${what})`;
    })
    .join('\n');
