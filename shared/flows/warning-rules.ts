import { type FlowIssue, issue } from './issues.ts';
import type { FlowDocument, FlowEdge } from './schema.ts';

// Notes annotate the canvas; they are not steps, so reachability and dead-end rules skip them.
const isStep = (type: string): boolean => type !== 'note';

/** Warnings about the shape of the flow graph; assumes the document has no reference errors. */
export const flowWarnings = (doc: FlowDocument): FlowIssue[] => {
  const outgoing = new Map<string, FlowEdge[]>();
  for (const edge of doc.edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
  const typeOf = new Map(doc.nodes.map((node) => [node.id, node.type]));
  const found: FlowIssue[] = [];

  const starts = doc.nodes.filter((node) => node.type === 'start').map((node) => node.id);
  if (starts.length > 1) found.push(issue('MULTIPLE_START_NODES', `The flow has ${starts.length} start nodes.`, ['nodes'], starts));
  if (!doc.nodes.some((node) => node.type === 'end')) found.push(issue('NO_END_NODE', 'The flow has no end node.', ['nodes']));

  const reached = new Set(starts);
  const queue = [...starts];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const edge of outgoing.get(next) ?? []) {
      if (reached.has(edge.target)) continue;
      reached.add(edge.target);
      queue.push(edge.target);
    }
  }

  doc.nodes.forEach((node, index) => {
    const path = ['nodes', index];
    const out = outgoing.get(node.id) ?? [];
    if (isStep(node.type) && starts.length > 0 && !reached.has(node.id)) {
      found.push(issue('UNREACHABLE_NODE', `Node "${node.id}" cannot be reached from a start node.`, path, [node.id]));
    }
    if (isStep(node.type) && node.type !== 'end' && out.length === 0) {
      found.push(issue('DEAD_END', `Node "${node.id}" is not an end node and has no outgoing edge.`, path, [node.id]));
    }
    if (node.type === 'decision') {
      const missing = (['if_true', 'if_false'] as const).filter((trigger) => !out.some((edge) => edge.trigger === trigger));
      if (missing.length > 0) {
        found.push(issue('DECISION_BRANCH_MISSING', `Decision "${node.id}" has no ${missing.join(' or ')} edge.`, path, [node.id]));
      }
    }
    if (node.type === 'condition') {
      for (const output of node.data.conditions) {
        if (out.some((edge) => edge.sourceHandle === output.id)) continue;
        const message = `Condition "${output.id}" of node "${node.id}" has no outgoing edge.`;
        found.push(issue('CONDITION_OUTPUT_UNCONNECTED', message, [...path, 'data', 'conditions'], [node.id, output.id]));
      }
    }
    // A condition node is a many-way decision, so it also counts as handling the call's outcome.
    if (node.type === 'api-call' && !out.some((edge) => ['decision', 'condition'].includes(typeOf.get(edge.target) ?? ''))) {
      found.push(issue('API_CALL_WITHOUT_DECISION', `API call "${node.id}" is not followed by a decision.`, path, [node.id]));
    }
  });

  doc.edges.forEach((edge, index) => {
    if (edge.source === edge.target)
      found.push(issue('SELF_LOOP', `Edge "${edge.id}" leads back to its own node.`, ['edges', index], [edge.id, edge.source]));
  });
  return found;
};
