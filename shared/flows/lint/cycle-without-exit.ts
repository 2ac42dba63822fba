import { type LintRule, lintFinding } from './finding.ts';
import { stronglyConnected } from './components.ts';
import { exitToEnd } from './fix-operations.ts';
import { isScreen, lintGraph } from './graph.ts';

/**
 * CYCLE_WITHOUT_EXIT (error): a loop of steps that no edge leaves traps the user for good. Fix: an edge from the
 * loop's first screen (or action) to the end node. A single node without a loop is a dead end, not a cycle.
 */
export const cycleWithoutExit: LintRule = (doc) => {
  const graph = lintGraph(doc);
  return stronglyConnected(graph).flatMap((members) => {
    const inside = new Set(members);
    const edges = members.flatMap((id) => graph.outgoing(id));
    const cyclic = members.length > 1 || edges.some((edge) => edge.source === edge.target);
    if (!cyclic || edges.some((edge) => !inside.has(edge.target))) return [];
    const nodes = doc.nodes.filter((node) => inside.has(node.id));
    if (nodes.some((node) => node.type === 'end')) return [];
    const way = nodes.find((node) => isScreen(node)) ?? nodes.find((node) => node.type === 'action');
    const titles = nodes.map((node) => `"${node.title}"`).join(', ');
    const message = `The loop ${titles} has no way out: no edge leaves it.`;
    return [
      lintFinding(
        'CYCLE_WITHOUT_EXIT',
        'error',
        nodes.map((node) => node.id),
        message,
        way && exitToEnd(doc, way),
      ),
    ];
  });
};
