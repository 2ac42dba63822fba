import { rejectOperation } from './errors.ts';
import { requireEdge, requireNewId, replaceById } from './lookup.ts';
import type { OperationOf } from './operation-schema.ts';
import { type FlowDocument, type FlowEdge, flowEdgeSchema } from './schema.ts';

const requireEnds = (doc: FlowDocument, edge: FlowEdge): void => {
  for (const end of ['source', 'target'] as const) {
    if (!doc.nodes.some((node) => node.id === edge[end]))
      rejectOperation('EDGE_NODE_NOT_FOUND', `The ${end} node "${edge[end]}" does not exist.`);
  }
};

export const addEdge = (doc: FlowDocument, { edge }: OperationOf<'ADD_EDGE'>): void => {
  requireNewId(doc.edges, edge.id, 'edge');
  requireEnds(doc, edge);
  doc.edges.push(edge);
};

/** Merges `changes` into the edge; moved ends must exist. */
export const updateEdge = (doc: FlowDocument, { id, changes }: OperationOf<'UPDATE_EDGE'>): void => {
  const parsed = flowEdgeSchema.safeParse({ ...requireEdge(doc, id), ...changes, id });
  if (!parsed.success) return rejectOperation('EDGE_INVALID', parsed.error.issues.map((found) => found.message).join('; '));
  requireEnds(doc, parsed.data);
  replaceById(doc.edges, parsed.data);
};

export const deleteEdge = (doc: FlowDocument, { id }: OperationOf<'DELETE_EDGE'>): void => {
  requireEdge(doc, id);
  doc.edges = doc.edges.filter((edge) => edge.id !== id);
};
