import { describe, expect, it } from 'vitest';
import { selectOperations, validateProposal, type ProposedOperation } from '../../../shared/ai/index.ts';
import { placeNewNodes, type FlowOperation } from '../../../shared/flows/index.ts';
import { isDomainError } from '../../../shared/kernel/index.ts';
import { blankDocument } from './blank-document.ts';

const proposed = (operations: FlowOperation[]): ProposedOperation[] =>
  operations.map((operation, index) => ({ id: `op${index + 1}`, operation, rationale: 'test' }));

const welcome = proposed([
  { type: 'ADD_NODE', node: { id: 'welcome', type: 'screen', title: 'Welcome', position: { x: 5, y: 5 } } },
  { type: 'DELETE_EDGE', id: 'start-end' },
  { type: 'ADD_EDGE', edge: { id: 'a', source: 'start', target: 'welcome', trigger: 'onLoad' } },
  { type: 'ADD_EDGE', edge: { id: 'b', source: 'welcome', target: 'end', trigger: 'onSubmit' } },
]);

const codeOf = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return isDomainError(error) ? { code: error.code, ...error.extensions } : error;
  }
};

const validate = (operations: ProposedOperation[], texts: string[] = ['Add a welcome screen after the start']) =>
  validateProposal({
    base: blankDocument,
    operations,
    flowId: 'flw_test',
    limits: { nodesPerFlow: 200 },
    mode: 'edit',
    texts,
    focusNodeIds: [],
    place: (base, next) => placeNewNodes(base, next),
    context: { newId: (prefix) => `${prefix}_1`, now: () => new Date() },
  });

describe('selecting operations of a proposal', () => {
  it('should take all of them when none are named, in order', () => {
    expect(selectOperations(welcome, undefined).map((op) => op.id)).toEqual(['op1', 'op2', 'op3', 'op4']);
  });

  it('should refuse an edge without the operation that adds its node, naming what it needs', () => {
    expect(codeOf(() => selectOperations(welcome, ['op3', 'op4']))).toEqual({
      code: 'SELECTION_NOT_CLOSED',
      missing: [
        { operationId: 'op3', needs: ['op1'] },
        { operationId: 'op4', needs: ['op1'] },
      ],
    });
  });

  it('should refuse ids the proposal does not have', () => {
    expect(codeOf(() => selectOperations(welcome, ['op1', 'op7']))).toEqual({ code: 'UNKNOWN_OPERATIONS', operationIds: ['op7'] });
  });
});

describe('validating a proposal on a copy of the flow', () => {
  it('should pass a valid proposal and place its new node where the engine puts it, not where the model wrote', () => {
    const result = validate(welcome);
    expect(result.errors).toEqual([]);
    const added = result.operations[0]?.operation as Extract<FlowOperation, { type: 'ADD_NODE' }>;
    expect(added.node.position).not.toEqual({ x: 5, y: 5 });
    expect(result.preview?.nodes.find((node) => node.id === 'welcome')?.position).toEqual(added.node.position);
  });

  it('should refuse layout operations and name each failing operation with its rule', () => {
    const result = validate(
      proposed([
        { type: 'AUTO_LAYOUT', algorithm: 'hierarchical' },
        { type: 'DELETE_NODE', id: 'ghost' },
      ]),
    );
    expect(result.errors.map(({ operationId, rule }) => ({ operationId, rule }))).toEqual([
      { operationId: 'op1', rule: 'LAYOUT_BY_ENGINE' },
      { operationId: 'op2', rule: 'NODE_NOT_FOUND' },
    ]);
  });

  it('should name the operation behind a new UX lint error (a screen that leads nowhere)', () => {
    const result = validate(
      proposed([{ type: 'ADD_NODE', node: { id: 'promo', type: 'screen', title: 'Promo', position: { x: 0, y: 0 } } }]),
    );
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.every((error) => error.operationId === 'op1')).toBe(true);
  });
});
