import { type LintRule, lintFinding } from './finding.ts';
import { isScreen, lintGraph, nodesOfType, reachableFrom } from './graph.ts';

/** SCREEN_UNREACHABLE (error): every screen and popup can be reached from a start node. No fix: where it belongs is a design choice. */
export const screenReachable: LintRule = (doc) => {
  const graph = lintGraph(doc);
  const reached = reachableFrom(
    graph,
    nodesOfType(graph, 'start').map((node) => node.id),
  );
  return [...graph.nodes.values()]
    .filter((node) => isScreen(node) && !reached.has(node.id))
    .map((node) => lintFinding('SCREEN_UNREACHABLE', 'error', [node.id], `No path from a start node leads to "${node.title}".`));
};
