import type { FlowDocument } from '../../flows/index.ts';
import type { ReviewFinding } from '../agents.ts';
import { articleTitles } from './catalog.ts';
import { graphOf, isVisible, mainEnd } from './flow-graph.ts';
import { elementsOf } from './resolve.ts';
import { addVariants } from './edit-states.ts';
import { quoted } from './words.ts';

/*
 * The offline review: the UX lint's findings as they are, plus a few heuristics a reviewer would add
 * (each one citing the knowledge base article it comes from): a long main path, forms that submit
 * without a loading state, screens that offer too many ways on. Fixes only where they are obvious.
 */

const cite = (slug: string) => (articleTitles[slug] ? ` (knowledge base: “${articleTitles[slug]}”)` : '');
const entry = /input|textarea|field|password|email|phone|select|dropdown|combo|picker|form/i;

/** Visible steps on the shortest way from the start to the main end. */
const mainPathLength = (doc: FlowDocument): number => {
  const graph = graphOf(doc);
  const end = mainEnd(graph);
  if (end === undefined) return 0;
  const previous = new Map<string, string>();
  const start = doc.nodes.find((node) => node.type === 'start');
  const queue = start ? [start.id] : [];
  const seen = new Set(queue);
  for (let index = 0; index < queue.length; index++) {
    for (const edge of graph.outgoing(queue[index]!)) {
      if (seen.has(edge.target)) continue;
      seen.add(edge.target);
      previous.set(edge.target, queue[index]!);
      queue.push(edge.target);
    }
  }
  let count = 0;
  for (let at: string | undefined = end.id; at !== undefined; at = previous.get(at)) if (isVisible(graph.node(at))) count += 1;
  return count;
};

export const reviewFlow = (doc: FlowDocument, lint: readonly ReviewFinding[]): { findings: ReviewFinding[]; summary: string } => {
  const graph = graphOf(doc);
  const extra: ReviewFinding[] = [];
  const length = mainPathLength(doc);
  if (length > 7) {
    extra.push({
      nodeIds: [],
      severity: 'info',
      message: `The main path shows ${length} screens before it ends; every step costs people who give up. Could some be merged or made optional?${cite('flow-length')}`,
    });
  }
  for (const node of doc.nodes.filter(isVisible)) {
    const submitsToServer = graph.outgoing(node.id).some((edge) => {
      const target = graph.node(edge.target);
      return target?.type === 'api-call' && target.data.method !== 'GET' && /^onClick\(|^onSubmit$/.test(edge.trigger ?? '');
    });
    const hasLoading = (node.uiMetadata?.variants ?? []).some((variant) => variant.type === 'loading');
    if (submitsToServer && !hasLoading && elementsOf(node).some((element) => entry.test(element.type))) {
      const fix = addVariants(node, ['loading']);
      extra.push({
        nodeIds: [node.id],
        severity: 'info',
        message: `${quoted(node.title)} sends to the server but shows no loading state while it waits; a busy button or spinner avoids double submissions${cite('progress-indicators')}.`,
        ...(fix ? { fix: [fix.operation] } : {}),
      });
    }
    const ways = graph.outgoing(node.id).length;
    if (ways > 6) {
      extra.push({
        nodeIds: [node.id],
        severity: 'info',
        message: `${quoted(node.title)} offers ${ways} ways on; consider grouping the less used ones${cite('settings-organisation')}.`,
      });
    }
  }
  const findings = [...lint, ...extra];
  const count = (severity: ReviewFinding['severity']) => findings.filter((found) => found.severity === severity).length;
  const errors = count('error');
  const verdict =
    errors > 0
      ? `${errors} problem${errors === 1 ? '' : 's'} where a user can get stuck come first.`
      : findings.length === 0
        ? 'Nothing to report: every screen is reachable, has a way out, and the states the lint checks are there.'
        : 'No user gets stuck; the rest are improvements.';
  const summary = `${errors} error${errors === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('info')} suggestion${count('info') === 1 ? '' : 's'}. ${verdict}`;
  return { findings, summary };
};
