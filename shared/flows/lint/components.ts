import type { LintGraph } from './graph.ts';

/** Nodes in the order their depth-first search finishes (iterative: flows may have thousands of nodes). */
const finishOrder = (graph: LintGraph): string[] => {
  const seen = new Set<string>();
  const order: string[] = [];
  for (const root of graph.nodes.keys()) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
      const edge = graph.outgoing(top.id)[top.next];
      top.next += 1;
      if (edge === undefined) {
        order.push(top.id);
        stack.pop();
      } else if (!seen.has(edge.target)) {
        seen.add(edge.target);
        stack.push({ id: edge.target, next: 0 });
      }
    }
  }
  return order;
};

/** The strongly connected components of the graph (Kosaraju), each a list of node ids. */
export const stronglyConnected = (graph: LintGraph): string[][] => {
  const assigned = new Set<string>();
  const components: string[][] = [];
  for (const root of finishOrder(graph).reverse()) {
    if (assigned.has(root)) continue;
    assigned.add(root);
    const component: string[] = [];
    const queue = [root];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      component.push(next);
      for (const edge of graph.incoming(next)) {
        if (assigned.has(edge.source)) continue;
        assigned.add(edge.source);
        queue.push(edge.source);
      }
    }
    components.push(component);
  }
  return components;
};
