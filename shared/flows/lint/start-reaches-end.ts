import { type LintRule, lintFinding } from './finding.ts';
import { lintGraph, nodesOfType, reachableFrom } from './graph.ts';

/** START_WITHOUT_END (error): from every start node some path reaches an end node. No fix: which step should finish is a design choice. */
export const startReachesEnd: LintRule = (doc) => {
  const graph = lintGraph(doc);
  return nodesOfType(graph, 'start').flatMap((start) => {
    const reached = reachableFrom(graph, [start.id]);
    if ([...reached].some((id) => graph.nodes.get(id)?.type === 'end')) return [];
    return [lintFinding('START_WITHOUT_END', 'error', [start.id], `No path from "${start.title}" reaches an end node.`)];
  });
};
