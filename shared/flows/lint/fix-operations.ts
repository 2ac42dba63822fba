import type { FlowOperation } from '../operation-schema.ts';
import type { FlowDocument, FlowNode } from '../schema.ts';
import type { variantTypes } from '../schema.ts';

type VariantType = (typeof variantTypes)[number];

/** An id not yet used by any node, edge or frame (nor by `taken`), starting from `base`. */
export const freshId = (doc: FlowDocument, base: string, taken: readonly string[] = []): string => {
  const used = new Set([...doc.nodes, ...doc.edges, ...doc.frames].map((item) => item.id).concat(taken));
  const stem = base.slice(0, 90);
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n += 1) if (!used.has(`${stem}_${n}`)) return `${stem}_${n}`;
};

/** A way out of `from`: an edge to the flow's first end node, or a new end node below it when there is none. */
export const exitToEnd = (doc: FlowDocument, from: FlowNode): FlowOperation[] => {
  const end = doc.nodes.find((node) => node.type === 'end');
  const endId = end?.id ?? freshId(doc, `${from.id}_end`);
  const edge = { id: freshId(doc, `${from.id}_exit`, [endId]), source: from.id, target: endId, label: 'Leave' };
  if (end) return [{ type: 'ADD_EDGE', edge }];
  const position = { x: from.position.x, y: from.position.y + 180 };
  return [
    { type: 'ADD_NODE', node: { id: endId, type: 'end', title: 'End', position } },
    { type: 'ADD_EDGE', edge },
  ];
};

const variantNames: Record<VariantType, string> = {
  loading: 'Loading',
  empty: 'Nothing to show',
  error: 'Error',
  success: 'Success',
  custom: 'Custom',
};

/** An UPDATE_NODE that adds variants of these types to the node's `uiMetadata`, keeping everything already there. */
export const addVariants = (node: FlowNode, types: readonly VariantType[], name?: string): FlowOperation => {
  const current = node.uiMetadata?.variants ?? [];
  const ids = new Set(current.map((variant) => variant.id));
  const added = types.map((type) => {
    let id = `${node.id}_${type}`.slice(0, 90);
    for (let n = 2; ids.has(id); n += 1) id = `${node.id}_${type}_${n}`.slice(0, 100);
    ids.add(id);
    return { id, name: name ?? variantNames[type], type };
  });
  return { type: 'UPDATE_NODE', id: node.id, changes: { uiMetadata: { ...node.uiMetadata, variants: [...current, ...added] } } };
};

export const hasVariant = (node: FlowNode | undefined, type: VariantType): boolean =>
  (node?.uiMetadata?.variants ?? []).some((variant) => variant.type === type);
