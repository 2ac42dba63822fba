import type { Job, Step, Workflow } from './workflow-files.ts';

/**
 * Project policies for the CI/CD workflows, each a function from a parsed workflow to its violations (empty = fine),
 * so that a test can show a broken copy failing the named check.
 */

const jobsOf = (workflow: Workflow): [string, Job][] => Object.entries(workflow.jobs);
const stepsOf = (job: Job): Step[] => job.steps ?? [];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const actionName = (uses: string | undefined) => uses?.split('@')[0] ?? '';

/** `permissions` is set on the workflow, grants no write at that level, and no job asks for `write-all`. */
export const permissionViolations = (workflow: Workflow): string[] => {
  const violations: string[] = [];
  if (!isRecord(workflow.permissions)) violations.push('workflow: `permissions` must be a map of scopes (least privilege)');
  else
    for (const [scope, level] of Object.entries(workflow.permissions))
      if (level === 'write') violations.push(`workflow: \`${scope}: write\` belongs on the job that needs it`);
  for (const [id, job] of jobsOf(workflow))
    if (job.permissions !== undefined && !isRecord(job.permissions))
      violations.push(`${id}: \`permissions\` must be a map, not ${JSON.stringify(job.permissions)}`);
  return violations;
};

/** Every job that runs on a runner has a `timeout-minutes` of at most two hours (a called workflow sets its own). */
export const timeoutViolations = (workflow: Workflow): string[] =>
  jobsOf(workflow)
    .filter(([, job]) => job.uses === undefined)
    .flatMap(([id, job]) => {
      const timeout = job['timeout-minutes'];
      return typeof timeout === 'number' && timeout > 0 && timeout <= 120 ? [] : [`${id}: needs \`timeout-minutes\` between 1 and 120`];
    });

/** A job publishes or deploys when it pushes an image, applies manifests, targets an environment or calls the deploy workflow. */
export const isReleaseJob = (job: Job): boolean =>
  job.environment !== undefined ||
  /(^|\/)deploy\.ya?ml$/.test(job.uses ?? '') ||
  stepsOf(job).some(
    (step) =>
      /\bkubectl\s+apply\b/.test(step.run ?? '') || (actionName(step.uses) === 'docker/build-push-action' && step.with?.push === true),
  );

/** Release jobs run only for main: their `if` requires `github.ref == 'refs/heads/main'` and offers no `||` way around it. */
export const releaseViolations = (workflow: Workflow): string[] =>
  jobsOf(workflow)
    .filter(([, job]) => isReleaseJob(job))
    .flatMap(([id, job]) => {
      const condition = job.if ?? '';
      const onMainOnly = /github\.ref\s*==\s*'refs\/heads\/main'/.test(condition) && !condition.includes('||');
      return onMainOnly ? [] : [`${id}: publishes or deploys, so its \`if\` must require github.ref == 'refs/heads/main'`];
    });

/** Every action is pinned to a major version tag (vN, vN.N, vN.N.N) or a full commit SHA; local ones start with `./`. */
export const pinViolations = (workflow: Workflow): string[] =>
  jobsOf(workflow).flatMap(([id, job]) =>
    [job.uses, ...stepsOf(job).map((step) => step.uses)]
      .filter((uses): uses is string => uses !== undefined && !uses.startsWith('./'))
      .filter((uses) => !/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(uses))
      .map((uses) => `${id}: \`${uses}\` is not pinned to a version tag or commit SHA`),
  );

/** No `${{ }}` expression inside a `run` script (values reach the shell through `env`, which defeats script injection). */
export const injectionViolations = (workflow: Workflow): string[] =>
  jobsOf(workflow).flatMap(([id, job]) =>
    stepsOf(job)
      .filter((step) => (step.run ?? '').includes('${{'))
      .map(
        (step) =>
          `${id}: step "${step.name ?? step.run?.split('\n')[0] ?? '?'}" expands an expression inside its script; pass it through env`,
      ),
  );

/** Google Cloud is reached through Workload Identity Federation only: no exported service-account keys. */
export const credentialViolations = (workflow: Workflow): string[] =>
  jobsOf(workflow).flatMap(([id, job]) =>
    stepsOf(job)
      .filter((step) => actionName(step.uses) === 'google-github-actions/auth')
      .filter((step) => step.with?.workload_identity_provider === undefined || step.with.credentials_json !== undefined)
      .map(() => `${id}: google-github-actions/auth must use workload_identity_provider, never credentials_json`),
  );

/** Runs that share a ref (or an environment) are serialised: a `concurrency` group on the workflow or on every job. */
export const concurrencyViolations = (workflow: Workflow): string[] =>
  workflow.concurrency !== undefined || jobsOf(workflow).every(([, job]) => isRecord(job) && 'concurrency' in job)
    ? []
    : ['workflow: needs a `concurrency` group (on the workflow or on every job)'];

const triggers = (workflow: Workflow): string[] => {
  const on = workflow.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return isRecord(on) ? Object.keys(on) : [];
};
/** A value, or the workflow-level env entry that `${{ env.NAME }}` names. */
const resolveEnv = (workflow: Workflow, value: unknown): string => {
  const name = /^\$\{\{\s*env\.(\w+)\s*\}\}$/.exec(String(value))?.[1];
  return String(name === undefined ? value : workflow.env?.[name]);
};
const runs = (workflow: Workflow): string[] => jobsOf(workflow).flatMap(([, job]) => stepsOf(job).map((step) => (step.run ?? '').trim()));

/**
 * The CI workflow: runs on pull requests and pushes; tests with exactly `npm test` in a job that sets up Node 24 (with
 * the npm cache), Go and Python; lints; audits production dependencies at level high.
 */
export const ciViolations = (workflow: Workflow): string[] => {
  const violations: string[] = [];
  for (const trigger of ['pull_request', 'push']) if (!triggers(workflow).includes(trigger)) violations.push(`ci: must run on ${trigger}`);
  const testJob = jobsOf(workflow).find(([, job]) => stepsOf(job).some((step) => step.run?.trim() === 'npm test'));
  if (!testJob) violations.push('ci: no step runs exactly `npm test`');
  else {
    const steps = stepsOf(testJob[1]);
    const node = steps.find((step) => actionName(step.uses) === 'actions/setup-node');
    if (node?.with?.cache !== 'npm' || resolveEnv(workflow, node.with['node-version']) !== '24')
      violations.push(`ci: job ${testJob[0]} must set up Node 24 with the npm cache`);
    for (const tool of ['actions/setup-go', 'actions/setup-python'])
      if (!steps.some((step) => actionName(step.uses) === tool))
        violations.push(`ci: job ${testJob[0]} must use ${tool} (npm test builds and runs services)`);
  }
  if (!runs(workflow).some((run) => /^npm run lint$|^npx eslint\b/m.test(run))) violations.push('ci: no lint step (`npm run lint`)');
  if (!runs(workflow).includes('npm audit --omit=dev --audit-level=high'))
    violations.push('ci: no dependency audit (`npm audit --omit=dev --audit-level=high`)');
  return violations;
};

/** Every policy that applies to every workflow file, by name. */
export const policies = {
  permissions: permissionViolations,
  timeouts: timeoutViolations,
  'release only from main': releaseViolations,
  'actions pinned': pinViolations,
  'no expressions in scripts': injectionViolations,
  'workload identity only': credentialViolations,
  concurrency: concurrencyViolations,
} as const;
