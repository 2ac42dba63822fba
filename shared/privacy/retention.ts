/** What a retention job removes (or would remove), per store. */
export type RetentionCounts = Record<string, number>;

/**
 * One rule of the retention table, enforced by one cron function. FerretDB has no TTL indexes,
 * so these jobs are the mechanism everywhere (docs/privacy.md). `dryRun` counts without changing
 * anything; `run` removes and reports the same counts.
 */
export interface RetentionJob {
  /** The rule's name (shared/platform/privacy/retention.ts), as `npm run privacy -- retention` prints it. */
  rule: string;
  what: string;
  dryRun: (now: Date) => Promise<RetentionCounts>;
  run: (now: Date) => Promise<RetentionCounts>;
}

export const dayMs = 86_400_000;
export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * dayMs);
