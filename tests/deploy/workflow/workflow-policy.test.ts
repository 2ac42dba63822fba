import { describe, expect, it } from 'vitest';
import { readWorkflow, workflowFiles, type Workflow } from './workflow-files.ts';
import {
  ciViolations,
  concurrencyViolations,
  credentialViolations,
  injectionViolations,
  permissionViolations,
  pinViolations,
  policies,
  releaseViolations,
  timeoutViolations,
} from './workflow-policy.ts';

/** A deep copy of a real workflow for a test to break. */
const copyOf = (file: string): Workflow => structuredClone(readWorkflow(file));
const cases = workflowFiles().flatMap((file) => Object.keys(policies).map((policy) => [policy, file] as const));

describe('workflow policies', () => {
  it.each(cases)('should hold "%s" in %s', (policy, file) => {
    expect(policies[policy as keyof typeof policies](readWorkflow(file))).toEqual([]);
  });

  it('should hold the CI policy (npm test, Node 24 with npm cache, Go, Python, lint, audit) in ci.yml', () => {
    expect(ciViolations(readWorkflow('ci.yml'))).toEqual([]);
  });

  it('should fail "permissions" when the workflow drops its permissions or grants write at the top', () => {
    const ci = copyOf('ci.yml');
    delete ci.permissions;
    expect(permissionViolations(ci)).toHaveLength(1);
    ci.permissions = { contents: 'write' };
    expect(permissionViolations(ci)).toEqual([expect.stringContaining('contents: write')]);
  });

  it('should fail "timeouts" when a job has no timeout-minutes', () => {
    const ci = copyOf('ci.yml');
    delete ci.jobs.test!['timeout-minutes'];
    expect(timeoutViolations(ci)).toEqual([expect.stringMatching(/^test:/)]);
  });

  it('should fail "release only from main" when the image or a deploy job may run off main', () => {
    const ci = copyOf('ci.yml');
    ci.jobs.image!.if = "github.event_name == 'push'";
    ci.jobs['deploy-production']!.if = "github.ref == 'refs/heads/main' || github.event_name == 'workflow_dispatch'";
    expect(releaseViolations(ci)).toEqual([expect.stringMatching(/^image:/), expect.stringMatching(/^deploy-production:/)]);
    const deploy = copyOf('deploy.yml');
    delete deploy.jobs.deploy!.if;
    expect(releaseViolations(deploy)).toEqual([expect.stringMatching(/^deploy:/)]);
  });

  it('should fail "actions pinned" when an action follows a branch', () => {
    const ci = copyOf('ci.yml');
    ci.jobs.lint!.steps![0]!.uses = 'actions/checkout@main';
    expect(pinViolations(ci)).toEqual([expect.stringContaining('actions/checkout@main')]);
  });

  it('should fail "no expressions in scripts" when a script expands an input', () => {
    const deploy = copyOf('deploy.yml');
    deploy.jobs.deploy!.steps!.push({ name: 'echo', run: 'echo ${{ inputs.image }}' });
    expect(injectionViolations(deploy)).toEqual([expect.stringContaining('"echo"')]);
  });

  it('should fail "workload identity only" when auth uses a service-account key', () => {
    const deploy = copyOf('deploy.yml');
    const auth = deploy.jobs.deploy!.steps!.find((step) => step.uses?.startsWith('google-github-actions/auth@'))!;
    auth.with = { credentials_json: '${{ secrets.GCP_KEY }}' };
    expect(credentialViolations(deploy)).toHaveLength(1);
  });

  it('should fail "concurrency" when neither the workflow nor every job has a group', () => {
    const ci = copyOf('ci.yml');
    delete ci.concurrency;
    expect(concurrencyViolations(ci)).toHaveLength(1);
  });

  it('should fail the CI policy when the test step is not exactly npm test or the audit is missing', () => {
    const ci = copyOf('ci.yml');
    const test = ci.jobs.test!.steps!.find((step) => step.run === 'npm test')!;
    test.run = 'npx vitest run --project unit';
    ci.jobs.audit!.steps = [];
    expect(ciViolations(ci)).toEqual([expect.stringContaining('npm test'), expect.stringContaining('npm audit')]);
  });
});
