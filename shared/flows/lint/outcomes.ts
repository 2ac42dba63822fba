import type { FlowEdge, FlowNode } from '../schema.ts';
import { isScreen, type LintGraph } from './graph.ts';

/** What follows a step until the user sees something again. */
export interface Outcomes {
  /** The edges walked, through api calls, actions, decisions and conditions. */
  edges: FlowEdge[];
  /** The screens and popups where the walk stopped. */
  screens: FlowNode[];
}

const passThrough = new Set(['api-call', 'action', 'decision', 'condition']);

/** Walks forward from `from` through non-visual steps (api calls, actions, decisions, conditions) and stops at screens, popups and ends. */
export const outcomesOf = (graph: LintGraph, from: string): Outcomes => {
  const edges: FlowEdge[] = [];
  const screens = new Map<string, FlowNode>();
  const seen = new Set([from]);
  const queue = [from];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const edge of graph.outgoing(next)) {
      edges.push(edge);
      const target = graph.nodes.get(edge.target);
      if (target === undefined || seen.has(target.id)) continue;
      seen.add(target.id);
      if (isScreen(target)) screens.set(target.id, target);
      else if (passThrough.has(target.type)) queue.push(target.id);
    }
  }
  return { edges, screens: [...screens.values()] };
};

/** The words an edge carries: its trigger, its label and, out of a condition, its output's id and label. */
export const edgeWords = (graph: LintGraph, edge: FlowEdge): string => {
  const source = graph.nodes.get(edge.source);
  const output = source?.type === 'condition' ? source.data.conditions.find((found) => found.id === edge.sourceHandle) : undefined;
  return [edge.trigger, edge.label, output?.id, output?.label].filter((word) => word !== undefined).join(' ');
};
