import { findBuiltInTemplate } from '../../shared/flows/index.ts';
import { createOfflineAgents } from '../../shared/ai/offline/index.ts';
import { createHttpApp } from '../../shared/platform/http/create-app.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import { named } from '../../shared/platform/definition/index.ts';
import health from '../../functions/ops/health.ts';
import { percentileOf } from './knowledge-figures.ts';
import { round, readEdits, readJourneys } from './ai-figures.ts';
import { aiFigures, blankFlow, propose } from './ai-run.ts';
import { benchJobs } from './ai-jobs.ts';

/**
 * The AI bench, for the offline provider: on the described journeys (tests/fixtures/ai/journeys.json)
 * and the edit instructions on templates (edits.json), the share of proposals that apply, validate and
 * pass the UX lint with no error (target 100 %), the recall of the screens a designer expects (≥ 0.8),
 * the edits carried out exactly (≥ 0.9), the alignment with the hand-drawn reference flows, and the
 * planner's latency (plan + build, as the job runner calls them) against GET /v1/health in the same
 * process and run; then the job runner end to end on the real services (ai-jobs.ts: MongoDB, Redis,
 * Chroma and the embedder for retrieval, started when needed) against GET /v1/health measured
 * alternately in the same run. Prints a table on stderr and ends with one JSON line.
 */
const ratio = (value: number, baseline: number) => (baseline > 0 ? round(value / baseline) : null);

const main = async () => {
  const agents = createOfflineAgents();
  const { journeys, edits, figures } = await aiFigures(agents);

  // Latency: each proposal again, one at a time, alternating with GET /v1/health in the same process.
  const app = createHttpApp(health, createRuntime(named(health, 'functions/ops/health.ts'), { APP_ENV: 'development', LOG_LEVEL: 'warn' }));
  const healthMs: number[] = [];
  const plannerMs: number[] = [];
  const work = [
    ...readJourneys().map((journey) => () => propose(agents, blankFlow(), journey.description, 'generate')),
    ...readEdits().map(
      (edit) => () => propose(agents, findBuiltInTemplate(edit.template)!.document, edit.instruction, 'edit', edit.focus ?? []),
    ),
  ];
  // Warm both up first: the first calls compile code and fill caches, which is not what a job waits for.
  for (const run of work.slice(0, 5)) {
    await (await app.request('/v1/health')).arrayBuffer();
    await run();
  }
  for (const run of work) {
    const started = performance.now();
    await (await app.request('/v1/health')).arrayBuffer();
    healthMs.push(performance.now() - started);
    plannerMs.push((await run()).ms);
  }

  const jobs = await benchJobs((line) => console.error(`[bench] ${line}`));
  const jobP95 = percentileOf(jobs.jobMs, 0.95);
  const jobHealthP95 = percentileOf(jobs.healthMs, 0.95);

  const width = Math.max(...journeys.map((found) => found.id.length), ...edits.map((found) => found.id.length));
  console.error(`${'journey'.padEnd(width)}  valid  recall  align  missed`);
  for (const found of journeys) {
    const align = found.alignment ? found.alignment.alignment.toFixed(2) : '  -  ';
    console.error(
      `${found.id.padEnd(width)}  ${found.valid ? 'yes' : 'NO '}    ${found.recall.toFixed(2)}    ${align}  ${found.missed.join('; ')}${found.heldOut ? ' (held out)' : ''}`,
    );
  }
  console.error(`\n${'edit'.padEnd(width)}  valid  exact  what differs`);
  for (const found of edits) {
    console.error(
      `${found.id.padEnd(width)}  ${found.valid ? 'yes' : 'NO '}    ${found.failures.length === 0 ? 'yes' : 'NO '}    ${found.failures.join('; ')}${found.heldOut ? ' (held out)' : ''}`,
    );
  }
  const invalid = [...journeys, ...edits].filter((found) => !found.valid);
  for (const found of invalid) console.error(`invalid ${found.id}: ${found.problems.join('; ')}`);
  for (const found of [...journeys, ...edits].filter((each) => each.warnings.length > 0))
    console.error(`new lint warnings in ${found.id}: ${found.warnings.join(', ')}`);
  console.error(
    `\nvalid ${figures.valid_share}  recall ${figures.screen_recall} (held out ${figures.held_out_screen_recall})  exact ${figures.edits_exact} (held out ${figures.held_out_edits_exact})  alignment ${figures.reference_alignment}  planner p95 ${percentileOf(plannerMs, 0.95)} ms  health p95 ${percentileOf(healthMs, 0.95)} ms  job p95 ${jobP95} ms (health ${jobHealthP95} ms)`,
  );
  console.log(
    JSON.stringify({
      bench: 'ai',
      provider: 'offline',
      ...figures,
      targets_met: figures.valid_share === 1 && figures.screen_recall >= 0.8 && figures.edits_exact >= 0.9,
      planner_samples: plannerMs.length,
      planner_p50_ms: percentileOf(plannerMs, 0.5),
      planner_p95_ms: percentileOf(plannerMs, 0.95),
      health_p50_ms: percentileOf(healthMs, 0.5),
      health_p95_ms: percentileOf(healthMs, 0.95),
      planner_to_health_p95: percentileOf(healthMs, 0.95) > 0 ? round(percentileOf(plannerMs, 0.95) / percentileOf(healthMs, 0.95)) : null,
      // The job end to end (request accepted → proposal stored and charged), with its own health baseline.
      job_samples: jobs.jobMs.length,
      job_failed: jobs.failed,
      job_p50_ms: percentileOf(jobs.jobMs, 0.5),
      job_p95_ms: jobP95,
      job_retrieval_p50_ms: percentileOf(jobs.retrievalMs, 0.5),
      job_retrieval_p95_ms: percentileOf(jobs.retrievalMs, 0.95),
      job_health_p50_ms: percentileOf(jobs.healthMs, 0.5),
      job_health_p95_ms: jobHealthP95,
      job_to_health_p50: ratio(percentileOf(jobs.jobMs, 0.5), percentileOf(jobs.healthMs, 0.5)),
      job_to_health_p95: ratio(jobP95, jobHealthP95),
    }),
  );
};

await main();
