import type { FlowDocument, FlowEdge, FlowNode } from '../../flows/index.ts';

/*
 * The flow as a graph, for deciding where an edit goes: "after X" follows the way forward (towards the
 * flow's main end), "before X" takes the edges that come from earlier steps, not the ways back.
 */

export interface FlowGraph {
  doc: FlowDocument;
  node: (id: string) => FlowNode | undefined;
  outgoing: (id: string) => FlowEdge[];
  incoming: (id: string) => FlowEdge[];
  /** Steps from the start node (the first start), by breadth-first search; absent when unreachable. */
  depth: Map<string, number>;
}

export const graphOf = (doc: FlowDocument): FlowGraph => {
  const nodes = new Map(doc.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, FlowEdge[]>();
  const incoming = new Map<string, FlowEdge[]>();
  for (const edge of doc.edges) {
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  }
  const out = (id: string) => outgoing.get(id) ?? [];
  const starts = doc.nodes.filter((node) => node.type === 'start').map((node) => node.id);
  return { doc, node: (id) => nodes.get(id), outgoing: out, incoming: (id) => incoming.get(id) ?? [], depth: distancesFrom(starts, out) };
};

const distancesFrom = (from: readonly string[], next: (id: string) => FlowEdge[], reverse = false): Map<string, number> => {
  const found = new Map(from.map((id) => [id, 0]));
  const queue = [...from];
  for (let index = 0; index < queue.length; index++) {
    const id = queue[index]!;
    for (const edge of next(id)) {
      const other = reverse ? edge.source : edge.target;
      if (found.has(other)) continue;
      found.set(other, found.get(id)! + 1);
      queue.push(other);
    }
  }
  return found;
};

/** Screens and popups: what a user sees. */
export const isVisible = (node: FlowNode | undefined): boolean => node?.type === 'screen' || node?.type === 'popup';
/** Steps the user passes through without seeing them, to an outcome. */
export const isCheck = (node: FlowNode | undefined): boolean =>
  node?.type === 'api-call' || node?.type === 'decision' || node?.type === 'condition';

/** The end a journey is for: the one farthest from the start ("Signed in", not "Go to password reset"). */
export const mainEnd = (graph: FlowGraph): FlowNode | undefined => {
  const ends = graph.doc.nodes.filter((node) => node.type === 'end' && graph.depth.has(node.id));
  return ends.reduce<FlowNode | undefined>(
    (best, end) => (best && graph.depth.get(best.id)! >= graph.depth.get(end.id)! ? best : end),
    undefined,
  );
};

const positive = /\b(ok|yes|true|success|succeeded|valid|created|saved|active|results|paid|scheduled|accepted|signed in)\b/i;

/** How much an edge looks like the way forward, to break ties between equally short ways. */
const forwardness = (graph: FlowGraph, edge: FlowEdge): number => {
  const source = graph.node(edge.source);
  const output = source?.type === 'condition' ? source.data.conditions.find((found) => found.id === edge.sourceHandle) : undefined;
  const words = [edge.trigger, edge.label, output?.label].join(' ');
  if (edge.trigger === 'if_true' || edge.trigger === 'onSuccess' || edge.trigger === 'onSubmit' || positive.test(words)) return 2;
  return edge.trigger === 'if_false' || edge.trigger === 'onError' ? 0 : 1;
};

/** The edge out of `id` that leads on: on a shortest way to the main end (else to any end, else deeper into the flow). */
export const forwardEdge = (graph: FlowGraph, id: string): FlowEdge | undefined => {
  const out = graph.outgoing(id);
  if (out.length <= 1) return out[0];
  const end = mainEnd(graph);
  const ends = graph.doc.nodes.filter((node) => node.type === 'end').map((node) => node.id);
  for (const goal of [end ? [end.id] : [], ends]) {
    if (goal.length === 0) continue;
    const toGoal = distancesFrom(goal, graph.incoming, true);
    const ranked = out
      .filter((edge) => toGoal.has(edge.target))
      .sort((a, b) => toGoal.get(a.target)! - toGoal.get(b.target)! || forwardness(graph, b) - forwardness(graph, a));
    if (ranked[0]) return ranked[0];
  }
  const here = graph.depth.get(id) ?? 0;
  return out.find((edge) => (graph.depth.get(edge.target) ?? Infinity) > here) ?? out[0];
};

/** After `id` has done its work: the edge into the first step past its checks (api calls, decisions, conditions). */
export const outcomeEdge = (graph: FlowGraph, id: string): FlowEdge | undefined => {
  const seen = new Set([id]);
  let edge = forwardEdge(graph, id);
  while (edge && isCheck(graph.node(edge.target)) && !seen.has(edge.target)) {
    seen.add(edge.target);
    const next = forwardEdge(graph, edge.target);
    if (next === undefined) break;
    edge = next;
  }
  return edge;
};

/** The edges into `id` from earlier steps: not the ways back from steps that `id` itself leads to (retries, "back"). */
export const forwardIncoming = (graph: FlowGraph, id: string): FlowEdge[] => {
  const after = new Set<string>();
  const queue = [id];
  for (let index = 0; index < queue.length; index++) {
    for (const edge of graph.outgoing(queue[index]!)) {
      if (after.has(edge.target)) continue;
      after.add(edge.target);
      queue.push(edge.target);
    }
  }
  const earlier = graph.incoming(id).filter((edge) => !after.has(edge.source));
  return earlier.length > 0 ? earlier : graph.incoming(id).slice(0, 1);
};

/** The nearest screen or popup before `id` (walking edges backwards), for a "go back" exit. */
export const visibleBefore = (graph: FlowGraph, id: string): FlowNode | undefined => {
  const seen = new Set([id]);
  const queue = graph.incoming(id).map((edge) => edge.source);
  for (let index = 0; index < queue.length; index++) {
    const next = queue[index]!;
    if (seen.has(next)) continue;
    seen.add(next);
    const node = graph.node(next);
    if (isVisible(node)) return node;
    queue.push(...graph.incoming(next).map((edge) => edge.source));
  }
  return undefined;
};

/** Every node reachable from the start nodes. */
export const reachable = (doc: FlowDocument): Set<string> => new Set(graphOf(doc).depth.keys());

/**
 * The flow as its user lives it: the visible steps (start, screens, popups, ends) and, between two of
 * them, an arrow when some path leads from one to the other through steps the user does not see.
 */
export const visibleTransitions = (doc: FlowDocument): { nodes: FlowNode[]; edges: [string, string][] } => {
  const graph = graphOf(doc);
  const shown = (node: FlowNode | undefined) => node !== undefined && (isVisible(node) || node.type === 'start' || node.type === 'end');
  const nodes = doc.nodes.filter(shown);
  const edges = new Map<string, [string, string]>();
  for (const from of nodes) {
    const seen = new Set([from.id]);
    const queue = graph.outgoing(from.id).map((edge) => edge.target);
    for (let index = 0; index < queue.length; index++) {
      const id = queue[index]!;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = graph.node(id);
      if (shown(node)) edges.set(`${from.id}>${id}`, [from.id, id]);
      else if (node && node.type !== 'note') queue.push(...graph.outgoing(id).map((edge) => edge.target));
    }
  }
  return { nodes, edges: [...edges.values()] };
};
