import { describe, expect, it } from 'vitest';
import { applyOperations, validateFlow, type FlowOperation } from '../../../shared/flows/index.ts';
import { limits, outcomeOf, testContext, validFlow } from './fixtures.ts';

const apply = (...ops: FlowOperation[]) => applyOperations(validFlow(), ops, testContext()).document;

describe('metadata, persona and node-detail operations', () => {
  it('should change name and merge global settings when UPDATE_METADATA succeeds', () => {
    const doc = apply({ type: 'UPDATE_METADATA', changes: { flowName: 'Sign in', globalSettings: { theme: 'dark' } } });
    expect(doc.metadata).toMatchObject({
      flowName: 'Sign in',
      version: '1.0.0',
      globalSettings: { gridSize: 20, snapToGrid: true, theme: 'dark' },
    });
  });

  it('should add a persona with a generated id when CREATE_PERSONA has none', () => {
    const doc = apply({ type: 'CREATE_PERSONA', persona: { name: 'Admin', color: '#f00' } });
    expect(doc.metadata.personas?.at(-1)).toEqual({ id: 'per_1', name: 'Admin', color: '#f00' });
  });

  it('should remove the persona from the nodes when DELETE_PERSONA succeeds', () => {
    const doc = apply({ type: 'DELETE_PERSONA', id: 'per_visitor' });
    expect(doc.metadata.personas).toEqual([]);
    expect(doc.nodes[1]!.personaIds).toEqual([]);
    expect(validateFlow(doc, limits).errors).toEqual([]);
  });

  it('should add the persona once to each node when ASSIGN_PERSONA repeats a node', () => {
    const doc = apply({ type: 'ASSIGN_PERSONA', personaId: 'per_visitor', nodeIds: ['login', 'end', 'end'] });
    expect(doc.nodes[1]!.personaIds).toEqual(['per_visitor']);
    expect(doc.nodes[4]!.personaIds).toEqual(['per_visitor']);
  });

  it('should set the link when LINK_FIGMA succeeds', () => {
    const doc = apply({ type: 'LINK_FIGMA', nodeId: 'login', figmaLink: 'https://www.figma.com/file/abc' });
    expect(doc.nodes[1]!.uiMetadata).toEqual({ figmaLink: 'https://www.figma.com/file/abc' });
  });

  it('should append an annotation with an id and the clock time when ADD_ANNOTATION succeeds', () => {
    const doc = apply({ type: 'ADD_ANNOTATION', nodeId: 'login', text: 'Check copy' });
    expect(doc.nodes[1]!.uiMetadata?.annotations).toEqual([{ id: 'ann_1', text: 'Check copy', createdAt: '2026-01-02T03:04:05.000Z' }]);
    expect(validateFlow(doc, limits).errors).toEqual([]);
  });

  it.each<[string, FlowOperation, string]>([
    ['UPDATE_METADATA empties the name', { type: 'UPDATE_METADATA', changes: { flowName: '' } }, 'METADATA_INVALID'],
    [
      'UPDATE_METADATA sets 21 tags',
      { type: 'UPDATE_METADATA', changes: { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } },
      'METADATA_INVALID',
    ],
    ['CREATE_PERSONA reuses an id', { type: 'CREATE_PERSONA', persona: { id: 'per_visitor', name: 'Again' } }, 'DUPLICATE_ID'],
    ['DELETE_PERSONA names a missing persona', { type: 'DELETE_PERSONA', id: 'per_x' }, 'PERSONA_NOT_FOUND'],
    ['ASSIGN_PERSONA names a missing persona', { type: 'ASSIGN_PERSONA', personaId: 'per_x', nodeIds: ['login'] }, 'PERSONA_NOT_FOUND'],
    ['ASSIGN_PERSONA names a missing node', { type: 'ASSIGN_PERSONA', personaId: 'per_visitor', nodeIds: ['ghost'] }, 'NODE_NOT_FOUND'],
    ['LINK_FIGMA names a missing node', { type: 'LINK_FIGMA', nodeId: 'ghost', figmaLink: 'https://figma.com/x' }, 'NODE_NOT_FOUND'],
    ['ADD_ANNOTATION names a missing node', { type: 'ADD_ANNOTATION', nodeId: 'ghost', text: 'x' }, 'NODE_NOT_FOUND'],
    ['ALIGN_NODES names a missing node', { type: 'ALIGN_NODES', nodeIds: ['login', 'ghost'], mode: 'grid' }, 'NODE_NOT_FOUND'],
  ])('should fail with %s → %s', (_, op, rule) => {
    expect(outcomeOf(() => apply(op))).toEqual({ code: 'OPERATIONS_FAILED', rules: [rule] });
  });
});
