import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYaml, readWorkflow, schemaViolations, workflowDir, workflowFiles } from './workflow-files.ts';

describe('GitHub workflow files', () => {
  it('should find the ci and deploy workflows', () => {
    expect(workflowFiles()).toEqual(expect.arrayContaining(['ci.yml', 'deploy.yml']));
  });

  it.each(workflowFiles())('should parse %s as YAML without duplicate keys', (file) => {
    expect(() => parseYaml(readFileSync(`${workflowDir}/${file}`, 'utf8'), file)).not.toThrow();
  });

  it.each(workflowFiles())('should validate %s against the GitHub workflow JSON schema', (file) => {
    expect(schemaViolations(readWorkflow(file))).toEqual([]);
  });

  it('should reject a workflow with a misspelt step key or a job without runs-on when checked against the schema', () => {
    const misspelt = { on: 'push', jobs: { build: { 'runs-on': 'ubuntu-24.04', steps: [{ uzes: 'actions/checkout@v4' }] } } };
    const noRunner = { on: 'push', jobs: { build: { steps: [{ run: 'npm test' }] } } };
    expect(schemaViolations(misspelt)).not.toEqual([]);
    expect(schemaViolations(noRunner)).not.toEqual([]);
  });

  it('should throw when a YAML file repeats a key', () => {
    expect(() => parseYaml('on: push\njobs: {}\njobs: {}\n', 'twice.yml')).toThrow(/twice\.yml/);
  });
});
