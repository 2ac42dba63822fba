import type { FlowEdge, FlowNode } from '../schema.ts';
import { type LintRule, lintFinding } from './finding.ts';
import { lintGraph } from './graph.ts';

const branches = ['if_true', 'if_false'] as const;

/**
 * What makes an exit labelled, as a key (two edges with the same key are one exit): an `if_true`/`if_false`
 * trigger, a condition output with a label (by `sourceHandle`), or the edge's own label.
 */
const exitKey = (node: FlowNode, edge: FlowEdge): string | undefined => {
  if (edge.trigger === 'if_true' || edge.trigger === 'if_false') return edge.trigger;
  if (node.type === 'condition') {
    const output = node.data.conditions.find((candidate) => candidate.id === edge.sourceHandle);
    if (output && output.label.trim() !== '') return `output:${output.id}`;
  }
  const label = edge.label?.trim() ?? '';
  return label === '' ? undefined : `label:${label}`;
};

/** A decision with one branch and one unlabelled edge: that edge is obviously the other branch. */
const missingBranchFix = (keys: string[], unlabelled: FlowEdge[]) => {
  const [only] = keys;
  const [edge] = unlabelled;
  if (keys.length !== 1 || unlabelled.length !== 1 || edge === undefined || !branches.some((branch) => branch === only)) return undefined;
  const other = only === 'if_true' ? 'if_false' : 'if_true';
  return [{ type: 'UPDATE_EDGE' as const, id: edge.id, changes: { trigger: other } }];
};

/** DECISION_EXITS (error): a decision or condition node has at least two labelled exits. */
export const decisionExits: LintRule = (doc) => {
  const graph = lintGraph(doc);
  return [...graph.nodes.values()].flatMap((node) => {
    if (node.type !== 'decision' && node.type !== 'condition') return [];
    const out = graph.outgoing(node.id);
    const keys = [...new Set(out.map((edge) => exitKey(node, edge)).filter((key) => key !== undefined))];
    if (keys.length >= 2) return [];
    const unlabelled = out.filter((edge) => exitKey(node, edge) === undefined);
    const message = `"${node.title}" has ${keys.length} labelled exit${keys.length === 1 ? '' : 's'}${
      unlabelled.length > 0 ? ` and ${unlabelled.length} unlabelled` : ''
    }; a decision needs at least two labelled exits.`;
    const fix = node.type === 'decision' ? missingBranchFix(keys, unlabelled) : undefined;
    return [lintFinding('DECISION_EXITS', 'error', [node.id], message, fix)];
  });
};
