import { issue, type FlowIssue } from '../issues.ts';
import type { FlowDocument } from '../schema.ts';

/** PRODUCT.md: subflows nest at most five deep. */
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

/** Walks breadth-first below `root` (at depth 1): a path back to `flowId` is a cycle; deeper than five is too deep. */
const walk = async (
  root: FlowDocument,
  rootId: string,
  flowId: string | null,
  documentOf: Resolve,
): Promise<'ok' | 'cycle' | 'too_deep'> => {
  const seen = new Set([rootId]);
  let level = [root];
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > maxSubflowDepth) return 'too_deep';
    const next: FlowDocument[] = [];
    for (const child of level.flatMap((found) => [...subflowTargets(found).keys()])) {
      if (child === flowId) return 'cycle';
      if (seen.has(child)) continue;
      seen.add(child);
      const found = await documentOf(child);
      if (found) next.push(found);
    }
    level = next;
  }
  return 'ok';
};

/**
 * Nesting and cycles through other flows. `documentOf` resolves a flow id to its latest document in
 * the same workspace (null when missing, deleted or elsewhere). Errors: SUBFLOW_CYCLE (the chain
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
  for (const [target, index] of subflowTargets(doc)) {
    if (target === flowId) continue;
    const path = ['nodes', index, 'data', 'flowId'];
    const root = await documentOf(target);
    if (!root) {
      warnings.push(issue('SUBFLOW_MISSING', `The subflow ${target} does not exist in this workspace.`, path, [target]));
      continue;
    }
    const outcome = await walk(root, target, flowId, documentOf);
    if (outcome === 'cycle') errors.push(issue('SUBFLOW_CYCLE', `The subflow ${target} leads back to this flow.`, path, [target]));
    if (outcome === 'too_deep')
      errors.push(issue('SUBFLOW_TOO_DEEP', `Subflows through ${target} nest more than ${maxSubflowDepth} levels.`, path, [target]));
  }
  return { errors, warnings };
};
