import { type LintRule, lintFinding } from './finding.ts';
import { exitToEnd } from './fix-operations.ts';
import { isScreen, lintGraph } from './graph.ts';

/** DEAD_END_SCREEN (error): a screen or popup has a way out. Fix: an edge to the flow's end node (a new one if there is none). */
export const deadEndScreen: LintRule = (doc) => {
  const graph = lintGraph(doc);
  return [...graph.nodes.values()]
    .filter((node) => isScreen(node) && graph.outgoing(node.id).length === 0)
    .map((node) =>
      lintFinding('DEAD_END_SCREEN', 'error', [node.id], `"${node.title}" has no way out: no edge leaves it.`, exitToEnd(doc, node)),
    );
};
