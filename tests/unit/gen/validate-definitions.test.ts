import { describe, expect, it } from 'vitest';
import { DefinitionError, validateDefinitions, type DefinitionSource } from '../../../shared/platform/definition/validate.ts';
import { cronFunction, eventFunction, httpFunction } from './fixtures.ts';
import { jwtOrApiKey } from '../../../shared/infra/auth/jwt-authenticator.ts';

const without = (definition: object, ...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(definition).filter(([k]) => !keys.includes(k)));
/** A file's export: the fixtures are named already, a file never is. */
const source = (file: string, exported: object): DefinitionSource => ({ file, exported: without(exported, 'name', 'domain') });

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
  it('should name each definition after its file and sort them by name when all are valid', () => {
    const sources = [source('functions/ops/heartbeat.ts', cronFunction()), source('functions/flows/get.ts', httpFunction())];
    expect(validateDefinitions(sources).map((d) => [d.name, d.domain])).toEqual([
      ['flows-get', 'flows'],
      ['ops-heartbeat', 'ops'],
    ]);
  });

  it.each([
    ['costTags', 'an http', httpFunction(), /flows-get: costTags .*required/],
    ['access', 'an http', httpFunction(), /flows-get: access .*access decision is required/],
    ['rateLimit', 'an http', httpFunction(), /flows-get: rateLimit .*rate-limit class is required/],
    ['privacy', 'an http', httpFunction(), /flows-get: privacy .*privacy annotation is required/],
    ['privacy', 'an event', eventFunction(), /ops-record-heartbeat: privacy .*required/],
  ])('should fail naming the function when %s is missing from %s definition', (key, _, definition, expected) => {
    const file = definition.kind === 'http' ? 'functions/flows/get.ts' : 'functions/ops/record-heartbeat.ts';
    const problems = problemsOf([source(file, without(definition, key))]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('should fail when authenticated access was written by hand without its authenticator', () => {
    const definition = httpFunction();
    const access = { type: 'authenticated', credentials: ['jwt'], permission: 'flows:read' };
    expect(problemsOf([source('functions/flows/get.ts', { ...definition, access })])).toEqual([
      expect.stringMatching(/^flows-get: access\.authenticator .*must be a resource/),
      expect.stringMatching(/^flows-get: access\.limiter .*must be a resource/),
    ]);
  });

  it('should fail when guarded access was written by hand without the limiter of its refusals', () => {
    const definition = httpFunction();
    const access = { type: 'platform', authenticator: jwtOrApiKey.authenticator, role: 'support' };
    expect(problemsOf([source('functions/flows/get.ts', { ...definition, access })])).toEqual([
      expect.stringMatching(/^flows-get: access\.limiter .*must be a resource/),
    ]);
  });

  it('should fail when a `self` endpoint says it accepts API keys', () => {
    const { access } = httpFunction() as { access: object };
    const selfWithKeys = { ...access, credentials: ['jwt', 'apiKey'], permission: 'self' };
    expect(problemsOf([source('functions/flows/get.ts', { ...httpFunction(), access: selfWithKeys })])).toEqual([
      expect.stringMatching(/^flows-get: access\.credentials .*takes user tokens only/),
    ]);
  });

  it('should fail when a limited rate-limit class was written by hand without its limiter', () => {
    expect(problemsOf([source('functions/flows/get.ts', { ...httpFunction(), rateLimit: { class: 'api' } })])).toEqual([
      expect.stringMatching(/^flows-get: rateLimit\.limiter .*must be a resource/),
    ]);
  });

  it.each(['name', 'domain'])('should fail when a definition states its %s (the path does)', (key) => {
    const exported = { ...(source('functions/flows/get.ts', httpFunction()).exported as object), [key]: 'flows-get' };
    expect(problemsOf([{ file: 'functions/flows/get.ts', exported }])).toEqual([
      expect.stringMatching(new RegExp(`^flows-get: ${key} .*derived from the file path`)),
    ]);
  });

  it.each([
    ['functions/flows/Get.ts', /file functions\/flows\/Get\.ts must be functions\/<domain>\/<kebab-case-name>\.ts/],
    ['functions/flow/get.ts', /folder functions\/flow is not a domain/],
  ])('should fail when the file %s cannot hold a function', (file, expected) => {
    expect(problemsOf([source(file, httpFunction())])).toEqual([expect.stringMatching(expected)]);
  });

  it('should fail when the file name repeats its domain', () => {
    expect(problemsOf([source('functions/flows/list-flows.ts', httpFunction())])).toEqual([
      'flows-list-flows: flows-list-flows repeats its domain ("flows"): name the file functions/flows/list.ts',
    ]);
  });

  it('should name every offending function when several are invalid', () => {
    const problems = problemsOf([
      source('functions/flows/get.ts', without(httpFunction(), 'access')),
      source('functions/ops/heartbeat.ts', without(cronFunction(), 'costTags')),
    ]);
    expect(problems.map((p) => p.split(':')[0])).toEqual(['flows-get', 'ops-heartbeat']);
  });

  it('should fail when two functions serve the same route under different parameter names', () => {
    const problems = problemsOf([
      source('functions/flows/get.ts', httpFunction()),
      source('functions/flows/read.ts', httpFunction({ path: '/v1/flows/{id}' })),
    ]);
    expect(problems).toEqual(['flows-read: route GET /v1/flows/{} already served by flows-get']);
  });
});
