import { applyOperations, findBuiltInTemplate, type FlowDocument, lintFlow, validateFlow } from '../../../shared/flows/index.ts';
import type { ProposedOperation } from '../../../shared/ai/index.ts';
import { layoutEngine, testContext } from '../flows/fixtures.ts';

/** A built-in template's document (a fresh copy). */
export const template = (id: string): FlowDocument => {
  const found = findBuiltInTemplate(`builtin-${id}`);
  if (found === null) throw new Error(`no template builtin-${id}`);
  return found.document;
};

/** The flow a new AI flow starts from: a start joined to an end. */
export const blank = (): FlowDocument => ({
  metadata: { schemaVersion: '2.0', flowName: 'New journey', version: '1.0.0', tags: [], personas: [] },
  nodes: [
    { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } },
    { id: 'end', type: 'end', title: 'End', position: { x: 0, y: 200 } },
  ],
  edges: [{ id: 'start-end', source: 'start', target: 'end', trigger: 'onLoad' }],
  frames: [],
});

/** Applies the proposal and an AUTO_LAYOUT, as the bench does; the document and its errors (flow rules and lint). */
export const applied = (base: FlowDocument, operations: readonly ProposedOperation[]) => {
  const { document } = applyOperations(
    base,
    [...operations.map((entry) => entry.operation), { type: 'AUTO_LAYOUT', algorithm: 'hierarchical' }],
    { ...testContext(), layout: layoutEngine },
  );
  const errors = [
    ...validateFlow(document, { nodesPerFlow: 5_000 }).errors.map((found) => found.rule),
    ...lintFlow(document)
      .filter((found) => found.severity === 'error')
      .map((found) => found.rule),
  ];
  return { document, errors };
};

export const titles = (doc: FlowDocument) => doc.nodes.map((node) => node.title);
export const edgeBetween = (doc: FlowDocument, source: string, target: string) =>
  doc.edges.some((edge) => edge.source === source && edge.target === target);
