import type { FlowDocument, FlowOperation } from '../flows/index.ts';

/** The ids an operation brings into being (a node, edge, frame or persona it adds). */
export const createdIds = (op: FlowOperation): string[] => {
  switch (op.type) {
    case 'ADD_NODE':
      return [op.node.id];
    case 'ADD_EDGE':
      return [op.edge.id];
    case 'ADD_FRAME':
      return [op.frame.id];
    case 'GROUP_NODES':
      return op.frameId === undefined ? [] : [op.frameId];
    case 'CREATE_PERSONA':
      return op.persona.id === undefined ? [] : [op.persona.id];
    default:
      return [];
  }
};

/** Every string in an operation: the ids it names are among them (a scan needs no list per operation type). */
const stringsIn = (value: unknown, into: Set<string>): Set<string> => {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
  return into;
};

/** The ids of `known` an operation names, besides those it creates. */
export const referencedIds = (op: FlowOperation, known: ReadonlySet<string>): string[] => {
  const own = new Set(createdIds(op));
  return [...stringsIn(op, new Set())].filter((value) => known.has(value) && !own.has(value));
};

/**
 * The existing nodes an operation changes or removes: the node it updates, deletes, annotates,
 * groups or links, and the two ends of an existing edge it changes or removes, or of a new edge
 * between two existing nodes. Adding a node changes no existing one.
 */
export const touchedNodes = (op: FlowOperation, base: FlowDocument): string[] => {
  const existing = new Set(base.nodes.map((node) => node.id));
  const edgeEnds = (id: string) => {
    const edge = base.edges.find((candidate) => candidate.id === id);
    return edge ? [edge.source, edge.target] : [];
  };
  const ids = (() => {
    switch (op.type) {
      case 'UPDATE_NODE':
      case 'DELETE_NODE':
        return [op.id];
      case 'UPDATE_EDGE':
      case 'DELETE_EDGE':
        return edgeEnds(op.id);
      case 'ADD_EDGE':
        return existing.has(op.edge.source) && existing.has(op.edge.target) ? [op.edge.source, op.edge.target] : [];
      case 'GROUP_NODES':
      case 'ASSIGN_PERSONA':
      case 'ALIGN_NODES':
        return op.nodeIds;
      case 'LINK_FIGMA':
      case 'ADD_ANNOTATION':
        return [op.nodeId];
      case 'ADD_FRAME':
        return op.frame.nodeIds;
      default:
        return [];
    }
  })();
  return ids.filter((id) => existing.has(id));
};
