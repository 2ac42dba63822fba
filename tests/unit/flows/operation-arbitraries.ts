import fc from 'fast-check';
import {
  applyOperations,
  fixedTriggers,
  layoutAlgorithms,
  type FlowDocument,
  type FlowNode,
  type FlowOperation,
} from '../../../shared/flows/index.ts';
import { testContext } from './fixtures.ts';

const kinds = [
  'addNode',
  'updateNode',
  'deleteNode',
  'addEdge',
  'updateEdge',
  'deleteEdge',
  'addFrame',
  'updateFrame',
  'deleteFrame',
  'groupNodes',
  'updateMetadata',
  'createPersona',
  'deletePersona',
  'assignPersona',
  'linkFigma',
  'addAnnotation',
  'alignNodes',
  'autoLayout',
] as const;

/** What to do, with numbers used to pick existing ids from the document as it is at that point of the batch. */
export const intentArbitrary = fc.record({
  kind: fc.constantFrom(...kinds),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  word: fc.stringMatching(/^[a-z]{1,12}$/),
});
export type Intent = typeof intentArbitrary extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(items.length, 1)];
const someIds = (doc: FlowDocument, a: number, b: number): string[] => [...new Set([a, b, a + b].map((n) => pick(doc.nodes, n)!.id))];

const newNode = (id: string, i: Intent): FlowNode => {
  const base = { id, title: `N ${i.word}`, position: { x: i.a, y: i.b } };
  switch (i.c % 6) {
    case 0:
      return { ...base, type: 'decision', data: { condition: i.word } };
    case 1:
      return {
        ...base,
        type: 'condition',
        data: {
          conditions: [
            { id: 'c1', label: 'one' },
            { id: 'c2', label: 'two' },
          ],
        },
      };
    case 2:
      return { ...base, type: 'api-call', data: { method: 'GET', url: `/${i.word}` } };
    case 3:
      return { ...base, type: 'screen', data: { elements: [{ id: 'btn', type: 'button', label: i.word }] } };
    case 4:
      return { ...base, type: 'subflow', data: { flowId: 'flw_other' } };
    default:
      return { ...base, type: 'action' };
  }
};

/** Turns an intent into an operation that keeps the document free of errors, or null when none fits. */
const toOperation = (doc: FlowDocument, i: Intent, step: number): FlowOperation | null => {
  const node = pick(doc.nodes, i.a);
  const edge = pick(doc.edges, i.a);
  const frame = pick(doc.frames, i.a);
  const persona = pick(doc.metadata.personas ?? [], i.a);
  const canAddEdge = doc.edges.length + 1 <= 2 * doc.nodes.length;
  switch (i.kind) {
    case 'addNode':
      return { type: 'ADD_NODE', node: { ...newNode(`g${step}`, i), ...(frame && i.b % 2 === 0 ? { frameId: frame.id } : {}) } };
    case 'updateNode':
      return node
        ? { type: 'UPDATE_NODE', id: node.id, changes: { title: `T ${i.word}`, position: { x: i.b, y: i.c }, isPinned: i.b % 2 === 0 } }
        : null;
    case 'deleteNode': {
      if (!node || node.type === 'start') return null;
      const left = doc.edges.filter((e) => e.source !== node.id && e.target !== node.id).length;
      return left <= 2 * (doc.nodes.length - 1) ? { type: 'DELETE_NODE', id: node.id } : null;
    }
    case 'addEdge': {
      const source = node;
      const target = pick(doc.nodes, i.b);
      if (!canAddEdge || !source || !target) return null;
      const sourceHandle = source.type === 'condition' ? pick(source.data.conditions, i.c)?.id : undefined;
      return {
        type: 'ADD_EDGE',
        edge: {
          id: `ge${step}`,
          source: source.id,
          target: target.id,
          trigger: pick(fixedTriggers, i.c)!,
          ...(sourceHandle ? { sourceHandle } : {}),
        },
      };
    }
    case 'updateEdge':
      return edge
        ? { type: 'UPDATE_EDGE', id: edge.id, changes: { label: i.word, animated: i.b % 2 === 0, target: pick(doc.nodes, i.b)!.id } }
        : null;
    case 'deleteEdge':
      return edge ? { type: 'DELETE_EDGE', id: edge.id } : null;
    case 'addFrame':
      return {
        type: 'ADD_FRAME',
        frame: {
          id: `gf${step}`,
          title: i.word,
          position: { x: 0, y: 0 },
          size: { width: 10, height: 10 },
          nodeIds: someIds(doc, i.b, i.c),
        },
      };
    case 'updateFrame':
      return frame
        ? { type: 'UPDATE_FRAME', id: frame.id, changes: { title: i.word, nodeIds: i.c % 3 === 0 ? [] : someIds(doc, i.b, i.c) } }
        : null;
    case 'deleteFrame':
      return frame ? { type: 'DELETE_FRAME', id: frame.id } : null;
    case 'groupNodes':
      return { type: 'GROUP_NODES', nodeIds: someIds(doc, i.b, i.c), title: i.word };
    case 'updateMetadata':
      return { type: 'UPDATE_METADATA', changes: { flowName: i.word, tags: [i.word], globalSettings: { showMinimap: i.b % 2 === 0 } } };
    case 'createPersona':
      return { type: 'CREATE_PERSONA', persona: { name: i.word } };
    case 'deletePersona':
      return persona ? { type: 'DELETE_PERSONA', id: persona.id } : null;
    case 'assignPersona':
      return persona ? { type: 'ASSIGN_PERSONA', personaId: persona.id, nodeIds: someIds(doc, i.b, i.c) } : null;
    case 'linkFigma':
      return node ? { type: 'LINK_FIGMA', nodeId: node.id, figmaLink: `https://www.figma.com/file/${i.word}` } : null;
    case 'addAnnotation':
      return node ? { type: 'ADD_ANNOTATION', nodeId: node.id, text: i.word } : null;
    case 'alignNodes':
      return { type: 'ALIGN_NODES', nodeIds: someIds(doc, i.b, i.c), mode: pick(['horizontal', 'vertical', 'grid'] as const, i.c)! };
    case 'autoLayout':
      return { type: 'AUTO_LAYOUT', algorithm: pick(layoutAlgorithms, i.c)! };
  }
};

/** Operations that reference ids existing at their point of the batch, built by replaying the batch as it grows. */
export const validBatch = (start: FlowDocument, intents: readonly Intent[]): FlowOperation[] => {
  const ctx = testContext();
  const ops: FlowOperation[] = [];
  let doc = start;
  intents.forEach((intent, step) => {
    const op = toOperation(doc, intent, step);
    if (op === null) return;
    doc = applyOperations(doc, [op], ctx).document;
    ops.push(op);
  });
  return ops;
};
