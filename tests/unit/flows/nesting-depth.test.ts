import { describe, expect, it } from 'vitest';
import { flowOperationSchema, maxDataDepth, validateFlow, type FlowDocument } from '../../../shared/flows/index.ts';
import { limits, validFlow } from './fixtures.ts';

/** `{"x": [[[…]]]}` with `depth` levels in all (the object counts as one), built without recursion. */
const nested = (depth: number): Record<string, unknown> => {
  let inner: unknown = [];
  for (let level = 2; level < depth; level++) inner = [inner];
  return { x: inner };
};

/** The valid fixture whose start node carries `data`. */
const withStartData = (data: Record<string, unknown>): FlowDocument => {
  const doc = validFlow();
  Object.assign(doc.nodes[0]!, { data });
  return doc;
};

describe('nesting depth of node data', () => {
  it('should report SCHEMA_VIOLATION, not throw, when data nests 100,000 levels (a 200 KB body)', () => {
    const found = validateFlow(withStartData(nested(100_000)), limits);
    expect(found.errors.map((error) => [error.rule, error.path.join('.')])).toEqual([['SCHEMA_VIOLATION', 'nodes.0.data']]);
  });

  it(`should accept data nesting ${maxDataDepth} levels and refuse ${maxDataDepth + 1}`, () => {
    expect(validateFlow(withStartData(nested(maxDataDepth)), limits).errors).toEqual([]);
    expect(validateFlow(withStartData(nested(maxDataDepth + 1)), limits).errors.map((error) => error.rule)).toEqual(['SCHEMA_VIOLATION']);
  });

  it.each([
    ['a screen', 1, (data: Record<string, unknown>) => ({ elements: [], ...data })],
    ['an api-call', 2, (data: Record<string, unknown>) => ({ method: 'POST', url: '/login', ...data })],
    ['a decision', 3, (data: Record<string, unknown>) => ({ condition: 'ok', ...data })],
  ])('should refuse SCHEMA_VIOLATION when %s node keeps a key of its own that nests 100,000 levels', (_type, index, dataOf) => {
    const doc = validFlow();
    Object.assign(doc.nodes[index]!, { data: dataOf({ mine: nested(100_000) }) });
    expect(validateFlow(doc, limits).errors.map((error) => [error.rule, error.path.join('.')])).toEqual([
      ['SCHEMA_VIOLATION', `nodes.${index}.data`],
    ]);
  });

  it.each([
    ['UPDATE_NODE', { type: 'UPDATE_NODE', id: 'start', changes: { data: nested(100_000) } }],
    [
      'ADD_NODE',
      { type: 'ADD_NODE', node: { id: 'n', type: 'action', title: 'N', position: { x: 0, y: 0 }, data: nested(maxDataDepth + 1) } },
    ],
  ])('should refuse a %s whose data nests too deep', (_type, op) => {
    expect(flowOperationSchema.safeParse(op).success).toBe(false);
  });
});
