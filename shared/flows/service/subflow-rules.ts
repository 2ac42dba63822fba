import { issue, type FlowIssue } from '../issues.ts';
import type { FlowDocument } from '../schema.ts';

/** docs/product.md: subflows nest at most five deep. */
export const maxSubflowDepth = 5;

/** The subflow targets of a document, with the index of the first node naming each. */
const subflowTargets = (doc: FlowDocument): Map<string, number> => {
  const targets = new Map<string, number>();
  doc.nodes.forEach((node, index) => {
    if (node.type === 'subflow' && !targets.has(node.data.flowId)) targets.set(node.data.flowId, index);
  });
  return targets;
};

type Resolve = (flowId: string) => Promise<FlowDocument | null>;

/**
 * The flows below one check, each loaded (and its subflow targets read) at most once however many
 * subflow nodes lead to it: a write with many subflow nodes over shared flows used to load the
 * shared ones again for every node.
 */
const createGraph = (documentOf: Resolve) => {
  const loads = new Map<string, Promise<string[] | null>>();
  return {
    /** The flow ids a flow's subflow nodes name; null when the flow cannot be found. */
    targetsOf: (id: string): Promise<string[] | null> => {
      let found = loads.get(id);
      if (!found) {
        found = documentOf(id).then((doc) => (doc ? [...subflowTargets(doc).keys()] : null));
        loads.set(id, found);
      }
      return found;
    },
  };
};
type Graph = ReturnType<typeof createGraph>;

/**
 * Walks breadth-first below `rootId` (at depth 1), at most five levels, visiting each flow once:
 * a path back to `flowId` is a cycle; a flow deeper than five is too deep.
 */
const walk = async (rootId: string, rootTargets: string[], flowId: string | null, graph: Graph): Promise<'ok' | 'cycle' | 'too_deep'> => {
  const seen = new Set([rootId]);
  let level = [rootTargets];
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > maxSubflowDepth) return 'too_deep';
    const next: string[][] = [];
    for (const child of level.flat()) {
      if (child === flowId) return 'cycle';
      if (seen.has(child)) continue;
      seen.add(child);
      const targets = await graph.targetsOf(child);
      if (targets) next.push(targets);
    }
    level = next;
  }
  return 'ok';
};

/**
 * Nesting and cycles through other flows. `documentOf` resolves a flow id to its latest document in
 * the same workspace (null when missing, deleted or elsewhere); it is called at most once per flow. Errors: SUBFLOW_CYCLE (the chain
 * comes back to this flow), SUBFLOW_TOO_DEEP (more than five levels); warning: SUBFLOW_MISSING.
 * A subflow naming the flow itself is `validateFlow`'s error, not repeated here.
 */
export const subflowIssues = async (
  doc: FlowDocument,
  flowId: string | null,
  documentOf: Resolve,
): Promise<{ errors: FlowIssue[]; warnings: FlowIssue[] }> => {
  const errors: FlowIssue[] = [];
  const warnings: FlowIssue[] = [];
  const graph = createGraph(documentOf);
  for (const [target, index] of subflowTargets(doc)) {
    if (target === flowId) continue;
    const path = ['nodes', index, 'data', 'flowId'];
    const rootTargets = await graph.targetsOf(target);
    if (!rootTargets) {
      warnings.push(issue('SUBFLOW_MISSING', `The subflow ${target} does not exist in this workspace.`, path, [target]));
      continue;
    }
    const outcome = await walk(target, rootTargets, flowId, graph);
    if (outcome === 'cycle') errors.push(issue('SUBFLOW_CYCLE', `The subflow ${target} leads back to this flow.`, path, [target]));
    if (outcome === 'too_deep')
      errors.push(issue('SUBFLOW_TOO_DEEP', `Subflows through ${target} nest more than ${maxSubflowDepth} levels.`, path, [target]));
  }
  return { errors, warnings };
};
