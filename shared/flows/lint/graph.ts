import type { FlowDocument, FlowEdge, FlowNode } from '../schema.ts';

/** The flow as a graph of steps: notes annotate the canvas and are left out, as are edges to missing nodes. */
export interface LintGraph {
  nodes: Map<string, FlowNode>;
  outgoing: (id: string) => FlowEdge[];
  incoming: (id: string) => FlowEdge[];
}

export const lintGraph = (doc: FlowDocument): LintGraph => {
  const nodes = new Map(doc.nodes.filter((node) => node.type !== 'note').map((node) => [node.id, node]));
  const outgoing = new Map<string, FlowEdge[]>();
  const incoming = new Map<string, FlowEdge[]>();
  for (const edge of doc.edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  }
  return { nodes, outgoing: (id) => outgoing.get(id) ?? [], incoming: (id) => incoming.get(id) ?? [] };
};

/** Screens and popups: what a user sees. */
export const isScreen = (node: FlowNode | undefined): boolean => node?.type === 'screen' || node?.type === 'popup';

/** Every node reachable from `from` (included), following edges forward. */
export const reachableFrom = (graph: LintGraph, from: readonly string[]): Set<string> => {
  const reached = new Set(from);
  const queue = [...from];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const edge of graph.outgoing(next)) {
      if (reached.has(edge.target)) continue;
      reached.add(edge.target);
      queue.push(edge.target);
    }
  }
  return reached;
};

export const nodesOfType = (graph: LintGraph, type: FlowNode['type']): FlowNode[] =>
  [...graph.nodes.values()].filter((node) => node.type === type);

/** The elements of a screen or popup (none for other types). */
export const elementsOf = (node: FlowNode): { id: string; type: string; label: string }[] =>
  node.type === 'screen' || node.type === 'popup' ? (node.data?.elements ?? []) : [];

/** The element an `onClick(<elementId>)` edge names, if any. */
export const clickedElementId = (edge: FlowEdge): string | undefined => /^onClick\((.+)\)$/.exec(edge.trigger ?? '')?.[1];
