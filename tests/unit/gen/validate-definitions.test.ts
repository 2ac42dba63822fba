import { describe, expect, it } from 'vitest';
import { DefinitionError, validateDefinitions, type DefinitionSource } from '../../../shared/platform/definition/validate.ts';
import { cronFunction, eventFunction, httpFunction } from './fixtures.ts';

const without = (definition: object, key: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(definition).filter(([k]) => k !== key));
const source = (file: string, exported: unknown): DefinitionSource => ({ file, exported });

const problemsOf = (sources: DefinitionSource[]): readonly string[] => {
  try {
    validateDefinitions(sources);
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  return [];
};

describe('validateDefinitions', () => {
  it('should return the definitions sorted by name when all are valid', () => {
    const sources = [source('functions/ops/heartbeat.ts', cronFunction()), source('functions/flows/get.ts', httpFunction())];
    expect(validateDefinitions(sources).map((d) => d.name)).toEqual(['flows-get', 'ops-heartbeat']);
  });

  it.each([
    ['costTags', 'an http', httpFunction(), /flows-get: costTags .*required/],
    ['access', 'an http', httpFunction(), /flows-get: access .*access decision is required/],
    ['privacy', 'an http', httpFunction(), /flows-get: privacy .*privacy annotation is required/],
    ['privacy', 'an event', eventFunction(), /ops-record-heartbeat: privacy .*required/],
    ['authenticator', 'an authenticated http', httpFunction(), /flows-get: authenticator .*required/],
  ])('should fail naming the function when %s is missing from %s definition', (key, _, definition, expected) => {
    const file = definition.kind === 'http' ? 'functions/flows/get.ts' : 'functions/ops/record-heartbeat.ts';
    const problems = problemsOf([source(file, without(definition, key))]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('should name every offending function when several are invalid', () => {
    const problems = problemsOf([
      source('functions/flows/get.ts', without(httpFunction(), 'access')),
      source('functions/ops/heartbeat.ts', without(cronFunction(), 'costTags')),
    ]);
    expect(problems.map((p) => p.split(':')[0])).toEqual(['flows-get', 'ops-heartbeat']);
  });

  it('should fail when a name does not match its file', () => {
    expect(problemsOf([source('functions/flows/read-flow.ts', httpFunction())])).toEqual([
      'flows-get: name must be "flows-read-flow" to match its file functions/flows/read-flow.ts',
    ]);
  });

  it('should fail when two functions serve the same route under different parameter names', () => {
    const problems = problemsOf([
      source('functions/flows/get.ts', httpFunction()),
      source('functions/flows/read-flow.ts', httpFunction({ name: 'flows-read-flow', path: '/v1/flows/{id}' })),
    ]);
    expect(problems).toEqual(['flows-read-flow: route GET /v1/flows/{} already served by flows-get']);
  });
});
