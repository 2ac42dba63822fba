import type { AdvisorProfile } from './advisor-profile.ts';
import type { Evaluation } from './evaluate.ts';
import { settingKey } from './setting.ts';

/** The advisor's policy knobs (flags of `advise`). */
export interface AdvicePolicy {
  /** p95 a person may wait on a function they call, cold starts included. */
  objectiveMs: number;
  /** What one cold start a user waits through is worth avoiding, in the report's currency. */
  coldStartValue: number;
  /** Savings below this per month are noise: the current setting stays. */
  minSaving: number;
}

export const defaultPolicy: AdvicePolicy = { objectiveMs: 1000, coldStartValue: 0.005, minSaving: 0.01 };

export interface Choice {
  now: Evaluation;
  recommended: Evaluation;
  reason: string;
}

const money = (amount: number) => `$${amount.toFixed(amount < 0.1 ? 3 : 2)}`;

/**
 * The cheapest candidate that saves at least `minSaving` a month and does not make anyone wait
 * longer than is worth it: an equal or better p95; or no one waiting (events, cron ticks); or a p95
 * still within the objective; or a warm pod that would cost more per avoided cold start than a cold
 * start is worth. Otherwise the current setting, with the reason.
 */
export const choose = (profile: AdvisorProfile, evaluations: readonly Evaluation[], policy: AdvicePolicy): Choice => {
  const [now, ...others] = evaluations as [Evaluation, ...Evaluation[]];
  const why = (candidate: Evaluation): string | null => {
    const saving = now.cost - candidate.cost;
    if (saving < policy.minSaving) return null;
    const saves = `saves ${money(saving)} a month`;
    if (now.latencies.length === 0) return `${saves}; no requests in the replay`;
    if (candidate.p95Ms <= now.p95Ms) return `${saves} at an equal or better p95 (${candidate.p95Ms.toFixed(0)} ms)`;
    if (!profile.userWaits) return `${saves}; no one waits on it (p95 ${candidate.p95Ms.toFixed(0)} ms within its timeout)`;
    if (candidate.p95Ms <= policy.objectiveMs)
      return `${saves}; p95 ${candidate.p95Ms.toFixed(0)} ms stays within the ${policy.objectiveMs} ms objective`;
    const extraColdStarts = candidate.coldStarts - now.coldStarts;
    if (extraColdStarts <= 0 || saving / extraColdStarts > policy.coldStartValue)
      return `${saves}; a warm pod would cost ${extraColdStarts > 0 ? money(saving / extraColdStarts) : 'everything'} per cold start avoided (${Math.round(extraColdStarts)} a month), more than the ${money(policy.coldStartValue)} one is worth`;
    return null;
  };
  const eligible = others
    .map((candidate) => ({ candidate, reason: why(candidate) }))
    .filter((entry): entry is { candidate: Evaluation; reason: string } => entry.reason !== null)
    .sort((a, b) => a.candidate.cost - b.candidate.cost || a.candidate.p95Ms - b.candidate.p95Ms);
  const best = eligible[0];
  if (best && settingKey(best.candidate.setting) !== settingKey(now.setting))
    return { now, recommended: best.candidate, reason: best.reason };
  const cheaper = others.filter((c) => c.cost < now.cost - policy.minSaving);
  const reason =
    cheaper.length === 0
      ? 'kept: no candidate is cheaper'
      : `kept: the cheaper settings raise p95 past ${policy.objectiveMs} ms and a warm pod costs less per avoided cold start than one is worth`;
  return { now, recommended: now, reason };
};
