import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parseDocument } from 'yaml';
import { fromRoot } from '../../../scripts/lib/paths.ts';

/** The parts of a GitHub Actions workflow that the policy checks read. */
export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
export interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  'runs-on'?: unknown;
  'timeout-minutes'?: unknown;
  permissions?: unknown;
  environment?: unknown;
  uses?: string;
  steps?: Step[];
}
export interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: unknown;
  concurrency?: unknown;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

export const workflowDir = fromRoot('.github', 'workflows');

/** Every workflow file name (`*.yml` / `*.yaml`) under .github/workflows. */
export const workflowFiles = (): string[] =>
  readdirSync(workflowDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();

/** Parses YAML text strictly: duplicate keys and syntax errors throw, with the file name in the message. */
export const parseYaml = (text: string, file: string): unknown => {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) throw new Error(`${file}: ${problems.map((problem) => problem.message).join('; ')}`);
  return document.toJS() as unknown;
};

export const readWorkflow = (file: string): Workflow => parseYaml(readFileSync(`${workflowDir}/${file}`, 'utf8'), file) as Workflow;

/**
 * The SchemaStore GitHub workflow schema (draft-07), vendored in tests/deploy/schemas with its source noted beside it:
 * never fetched at test time.
 */
const schema = JSON.parse(readFileSync(fromRoot('tests', 'deploy', 'schemas', 'github-workflow.json'), 'utf8')) as object;
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

/** Schema violations of one parsed workflow, as `instancePath message` lines; empty when it conforms. */
export const schemaViolations = (workflow: unknown): string[] =>
  validate(workflow) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
