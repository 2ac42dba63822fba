import { amount, money, percent } from '../render/format.ts';
import { markdownTable } from '../render/markdown-table.ts';
import type { Advice, FunctionAdvice, SpotShare } from './build-advice.ts';
import type { Evaluation } from './evaluate.ts';

const settingText = (e: Evaluation) =>
  `${e.setting.tier} · min ${e.setting.minScale} · target ${e.setting.target} · cc ${e.setting.containerConcurrency} · ${e.setting.spot}`;
const changed = (f: FunctionAdvice) => f.recommended !== f.now;

/** The JSON line the bench harness reads. */
export const adviceBenchLine = (advice: Advice): string =>
  JSON.stringify({
    bench: 'finops-advise',
    cost_now: Math.round(advice.totals.costNow * 100) / 100,
    cost_recommended: Math.round(advice.totals.costRecommended * 100) / 100,
    p95_now_ms: Math.round(advice.totals.p95NowMs),
    p95_recommended_ms: Math.round(advice.totals.p95RecommendedMs),
    spot_share_now: Math.round(advice.totals.spotNow.share * 1000) / 1000,
    spot_share_recommended: Math.round(advice.totals.spotRecommended.share * 1000) / 1000,
  });

const spotSection = (advice: Advice, label: string, spot: SpotShare, currency: string): string[] => {
  const lines = [
    `- **${label}**: ${percent(spot.share)} of ${amount(spot.podHours, 0)} pod-hours on spot (policy ${percent(advice.spotPolicy)}).`,
  ];
  if (spot.share >= advice.spotPolicy) return lines;
  const floors = spot.onDemand.filter((row) => row.reason.startsWith('warm floor') || row.reason.includes('never'));
  const fallback = spot.onDemand.filter((row) => !floors.includes(row)).reduce((n, r) => n + r.podHours, 0);
  lines.push(
    `  The gap: ${amount(
      floors.reduce((n, r) => n + r.podHours, 0),
      0,
    )} pod-hours of ${floors.length} Services held on on-demand nodes (costing ${money(
      floors.reduce((n, r) => n + r.extraCost, 0),
      currency,
    )} more than spot would) and ${amount(fallback, 0)} pod-hours of spot fallback. The largest:`,
    ...floors
      .slice(0, 8)
      .map((r) => `  - ${r.name}: ${amount(r.podHours, 0)} h, ${r.reason}, +${money(r.extraCost, currency)} against spot`),
  );
  return lines;
};

/** The Markdown report of `finops advise`. */
export const renderAdviceMarkdown = (advice: Advice): string => {
  const { totals, currency } = advice;
  const rows = [...advice.functions].sort(
    (a, b) => Number(changed(b)) - Number(changed(a)) || b.now.cost - a.now.cost || a.profile.name.localeCompare(b.profile.name),
  );
  const table = markdownTable(rows, [
    { heading: 'function', align: 'left', cell: (f) => f.profile.name },
    { heading: 'requests / month', align: 'right', cell: (f) => amount(f.requests) },
    { heading: 'cold start', align: 'right', cell: (f) => `${amount(f.coldStartMs)} ms${f.coldStartMeasured ? '' : '*'}` },
    { heading: 'now', align: 'left', cell: (f) => settingText(f.now) },
    { heading: 'recommended', align: 'left', cell: (f) => (changed(f) ? settingText(f.recommended) : 'same') },
    { heading: 'cost now', align: 'right', cell: (f) => money(f.now.cost, currency) },
    { heading: 'cost rec.', align: 'right', cell: (f) => money(f.recommended.cost, currency) },
    { heading: 'cold now', align: 'right', cell: (f) => percent(f.now.coldStartShare) },
    { heading: 'cold rec.', align: 'right', cell: (f) => percent(f.recommended.coldStartShare) },
    { heading: 'p95 now', align: 'right', cell: (f) => `${amount(f.now.p95Ms)} ms` },
    { heading: 'p95 rec.', align: 'right', cell: (f) => `${amount(f.recommended.p95Ms)} ms` },
    { heading: 'why', align: 'left', cell: (f) => f.reason },
  ]);
  const changes = advice.functions.filter(changed).length;
  return [
    `# FinOps scaling advice ${advice.month} (${advice.environment})`,
    '',
    `Replay of ${amount(advice.windowHours)} hours of traffic, scaled to the month; cold start = ${advice.platformStartMs} ms of platform + the process start (the bench's CPU ratio × ${advice.helloMs} ms; * = not measured, the median ratio). ` +
      `Objective p95 ${advice.policy.objectiveMs} ms for functions a person waits on; a cold start avoided is worth ${advice.policy.coldStartValue} ${currency}.`,
    '',
    `Pods and requests: ${money(totals.costNow, currency)} a month now, ${money(totals.costRecommended, currency)} recommended ` +
      `(${changes} of ${advice.functions.length} functions change). p95 of every request of the replay: ${amount(totals.p95NowMs)} ms now, ${amount(totals.p95RecommendedMs)} ms recommended.` +
      (totals.reverted.length > 0 ? ` Kept for the overall p95: ${totals.reverted.join(', ')}.` : ''),
    '',
    '## Spot share of pod-hours',
    '',
    ...spotSection(advice, `${advice.environment}, now`, totals.spotNow, currency),
    ...spotSection(advice, `${advice.environment}, recommended`, totals.spotRecommended, currency),
    ...spotSection(advice, 'staging (the same traffic, no floors)', totals.spotStaging, currency),
    '',
    '## Per function',
    '',
    table,
    '',
  ].join('\n');
};

/** The JSON report: every function with both settings and their figures. */
export const renderAdviceJson = (advice: Advice): string =>
  `${JSON.stringify(
    {
      month: advice.month,
      environment: advice.environment,
      currency: advice.currency,
      windowHours: advice.windowHours,
      policy: advice.policy,
      platformStartMs: advice.platformStartMs,
      totals: {
        costNow: advice.totals.costNow,
        costRecommended: advice.totals.costRecommended,
        p95NowMs: advice.totals.p95NowMs,
        p95RecommendedMs: advice.totals.p95RecommendedMs,
        spotShareNow: advice.totals.spotNow.share,
        spotShareRecommended: advice.totals.spotRecommended.share,
        spotShareStaging: advice.totals.spotStaging.share,
        reverted: advice.totals.reverted,
      },
      functions: advice.functions.map((f) => ({
        function: f.profile.name,
        userWaits: f.profile.userWaits,
        requests: f.requests,
        coldStartMs: f.coldStartMs,
        reason: f.reason,
        now: figures(f.now),
        recommended: figures(f.recommended),
      })),
    },
    null,
    2,
  )}\n`;

const figures = (e: Evaluation) => {
  const { retentionMs, ...setting } = e.setting;
  return {
    setting: { ...setting, retentionMs },
    cost: e.cost,
    podHours: e.podHours,
    spotPodHours: e.spotPodHours,
    coldStarts: e.coldStarts,
    coldStartShare: e.coldStartShare,
    p95Ms: e.p95Ms,
  };
};
