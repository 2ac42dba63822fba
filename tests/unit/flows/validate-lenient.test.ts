import { describe, expect, it } from 'vitest';
import { completeDocument, validateFlow } from '../../../shared/flows/index.ts';
import { limits, validFlow } from './fixtures.ts';

/** A document as a person writes it by hand: no frames, no version, no tags or personas. */
const minimal = (
  nodes: unknown[] = [start, end],
  edges: unknown[] = [{ id: 'e1', source: 'start', target: 'end', trigger: 'onLoad' }],
) => ({
  metadata: { schemaVersion: '2.0', flowName: 'Sketch' },
  nodes,
  edges,
});
const start = { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } };
const end = { id: 'end', type: 'end', title: 'Done', position: { x: 0, y: 200 } };
const found = (doc: unknown) => {
  const { errors, warnings } = validateFlow(doc, limits);
  return { errors: errors.map(({ rule, path, ids }) => ({ rule, path, ids })), warnings: warnings.map(({ rule }) => rule) };
};

describe('completing a document', () => {
  it('should fill only what is absent and say which paths it filled', () => {
    const { document, filled } = completeDocument(minimal());
    expect(filled).toEqual(['metadata.version', 'metadata.tags', 'metadata.personas', 'frames']);
    expect(document).toMatchObject({ metadata: { version: '1.0.0', tags: [], personas: [] }, frames: [] });
    expect(completeDocument(validFlow()).filled).toEqual([]);
  });

  it('should leave a present but wrong value for the schema to name', () => {
    expect(found({ ...minimal(), frames: 'none' }).errors).toEqual([{ rule: 'SCHEMA_VIOLATION', path: ['frames'], ids: [] }]);
  });
});

describe('validating a document with problems of several kinds', () => {
  it('should accept a document missing only optional collections and the version', () => {
    expect(found(minimal())).toEqual({ errors: [], warnings: [] });
  });

  it('should name the real problem of a minimal document: no start node', () => {
    expect(found(minimal([end], [])).errors).toEqual([{ rule: 'NO_START_NODE', path: ['nodes'], ids: [] }]);
  });

  it('should report schema and rule problems in one answer, each with its path and ids', () => {
    const screen = { id: 'pay', type: 'screen', title: 'x'.repeat(101), position: { x: 0, y: 100 } };
    const edges = [
      { id: 'e1', source: 'start', target: 'pay', trigger: 'onLoad' },
      { id: 'e2', source: 'pay', target: 'nowhere' },
      { id: 'e3', source: 'pay', target: 'end', trigger: 'onWhatever' },
    ];
    const { errors } = found(minimal([start, screen, end], edges));
    expect(errors).toEqual([
      { rule: 'SCHEMA_VIOLATION', path: ['nodes', 1, 'title'], ids: ['pay'] },
      { rule: 'SCHEMA_VIOLATION', path: ['edges', 2, 'trigger'], ids: ['e3'] },
      { rule: 'EDGE_MISSING_NODE', path: ['edges', 1, 'target'], ids: ['e2', 'nowhere'] },
    ]);
  });

  it('should not call a flow startless or its edges dangling because the start node itself is malformed', () => {
    const brokenStart = { ...start, position: { x: 'left', y: 0 } };
    expect(found(minimal([brokenStart, end]))).toEqual({
      errors: [{ rule: 'SCHEMA_VIOLATION', path: ['nodes', 0, 'position', 'x'], ids: ['start'] }],
      warnings: [],
    });
  });

  it('should check the graph of nodes that parse when a sibling does not', () => {
    const unknownType = { id: 'odd', type: 'window', title: 'Odd', position: { x: 0, y: 400 } };
    const { errors, warnings } = found(minimal([start, end, unknownType, { ...end, id: 'end' }]));
    expect(errors.map((error) => error.rule)).toEqual(['SCHEMA_VIOLATION', 'DUPLICATE_ID']);
    expect(errors[0]?.ids).toEqual(['odd']);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['not an object', 'flow'],
    ['no metadata', { nodes: [], edges: [] }],
    ['nodes that are not a list', { metadata: { schemaVersion: '2.0', flowName: 'x' }, nodes: {}, edges: [] }],
  ])('should give only schema problems when the document is %s', (_case, doc) => {
    const { errors, warnings } = found(doc);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.rule === 'SCHEMA_VIOLATION')).toBe(true);
    expect(warnings).toEqual([]);
  });
});
