import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../lib/paths.ts';
import { applyOperations, type FlowDocument, type FlowNode, type LayoutEngine, lintFlow, validateFlow } from '../../shared/flows/index.ts';
import type { ProposedOperation } from '../../shared/ai/index.ts';
import { visibleTransitions, wordsOf } from '../../shared/ai/offline/index.ts';

/*
 * How the offline planner's output is scored (docs/ai.md, "The offline planner"): a proposal is
 * valid when the flows engine applies it (plus an AUTO_LAYOUT to place the new nodes), the document
 * validates and the UX lint finds no error; a generated flow recalls an expected screen when one of
 * its screens or popups has a title that names it; an edit is carried out exactly when every
 * expectation holds and nothing else changed.
 */

const nodeRef = z.object({ id: z.string(), type: z.string(), title: z.string() });
export const journeysSchema = z.object({
  journeys: z.array(
    z.object({
      id: z.string(),
      description: z.string().min(1),
      expectedScreens: z.array(z.string()).min(1),
      heldOut: z.boolean().optional(),
      reference: z.object({ nodes: z.array(nodeRef), edges: z.array(z.tuple([z.string(), z.string()])) }).optional(),
    }),
  ),
});
export type Journey = z.infer<typeof journeysSchema>['journeys'][number];

const expectation = z
  .object({
    clarify: z.boolean(),
    renamed: z.record(z.string(), z.string()),
    renamedFrames: z.record(z.string(), z.string()),
    removed: z.array(z.string()),
    removedFrames: z.array(z.string()),
    added: z.array(z.object({ ref: z.string(), type: z.enum(['screen', 'popup']), title: z.string() })),
    edges: z.array(z.tuple([z.string(), z.string()])),
    paths: z.array(z.tuple([z.string(), z.string()])),
    variants: z.record(z.string(), z.array(z.string())),
    frames: z.array(z.object({ title: z.string(), nodeIds: z.array(z.string()) })),
    changed: z.array(z.string()),
  })
  .partial()
  .strict();
export const editsSchema = z.object({
  edits: z.array(
    z.object({
      id: z.string(),
      template: z.string(),
      instruction: z.string().min(1),
      focus: z.array(z.string()).optional(),
      heldOut: z.boolean().optional(),
      expect: expectation,
    }),
  ),
});
export type EditCase = z.infer<typeof editsSchema>['edits'][number];

export const readJourneys = (path = fromRoot('tests/fixtures/ai/journeys.json')): Journey[] =>
  journeysSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).journeys;
export const readEdits = (path = fromRoot('tests/fixtures/ai/edits.json')): EditCase[] =>
  editsSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).edits;

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Applies a proposal as the runner would (then AUTO_LAYOUT places the new nodes, when a layout engine is
 * given: positions change neither the flow rules nor the lint, so the unit test skips the ~0.1 s it takes).
 */
export const checkProposal = (
  base: FlowDocument,
  operations: readonly ProposedOperation[],
  layout?: LayoutEngine,
): { document: FlowDocument | null; problems: string[]; newWarnings: string[] } => {
  let counter = 0;
  const ctx = { newId: (prefix: string) => `${prefix}_bench_${++counter}`, now: () => new Date(0), ...(layout ? { layout } : {}) };
  try {
    const placing = layout ? [{ type: 'AUTO_LAYOUT' as const, algorithm: 'hierarchical' as const }] : [];
    const ops = [...operations.map((entry) => entry.operation), ...placing];
    const { document } = applyOperations(base, ops, ctx);
    const problems = [
      ...validateFlow(document, { nodesPerFlow: 5_000 }).errors.map((found) => `${found.rule} ${found.message}`),
      ...lintFlow(document)
        .filter((found) => found.severity === 'error')
        .map((found) => `${found.rule} ${found.message}`),
    ];
    // Warnings are allowed, but counted: a missing state the proposal brings in is worth knowing about.
    const warnings = (doc: FlowDocument) =>
      lintFlow(doc)
        .filter((found) => found.severity === 'warning')
        .map((found) => `${found.rule}:${found.nodeIds.join(',')}`);
    const before = new Set(warnings(base));
    return { document, problems, newWarnings: warnings(document).filter((key) => !before.has(key)) };
  } catch (error) {
    const failures = (error as { extensions?: { failures?: { rule: string; detail: string }[] } }).extensions?.failures ?? [];
    const problems = failures.length > 0 ? failures.map((found) => `${found.rule} ${found.detail}`) : [String(error)];
    return { document: null, problems, newWarnings: [] };
  }
};

/** How well an expected name is met by a title: the share of its words the title has (0…1). */
export const nameMatch = (expected: string, title: string): number => {
  const wanted = [...new Set(wordsOf(expected))];
  const have = new Set(wordsOf(title));
  if (wanted.length === 0) return 0;
  return wanted.filter((word) => have.has(word)).length / wanted.length;
};

/**
 * Pairs expected names with titles one to one, as many as possible (a maximum matching: a title that
 * fits two names goes to the one nothing else fits), better fits tried first; a pair counts when the
 * title has at least half of the expected name's words (one of one, one of two, two of three…).
 */
export const matchNames = (expected: readonly string[], titles: readonly { id: string; title: string }[]): Map<number, string> => {
  const options = expected.map((name) =>
    titles
      .map((item) => ({ id: item.id, score: nameMatch(name, item.title) }))
      .filter((found) => found.score >= 0.5)
      .sort((a, b) => b.score - a.score)
      .map((found) => found.id),
  );
  const owner = new Map<string, number>();
  const claim = (index: number, seen: Set<string>): boolean => {
    for (const id of options[index] ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const holder = owner.get(id);
      if (holder === undefined || claim(holder, seen)) {
        owner.set(id, index);
        return true;
      }
    }
    return false;
  };
  expected.forEach((_, index) => claim(index, new Set()));
  return new Map([...owner].map(([id, index]) => [index, id]));
};

const isShown = (node: FlowNode) => node.type === 'screen' || node.type === 'popup';

/** The share of a journey's expected screens that the generated flow's screens and popups name. */
export const screenRecall = (journey: Journey, doc: FlowDocument): { recall: number; missed: string[] } => {
  const matched = matchNames(journey.expectedScreens, doc.nodes.filter(isShown));
  const missed = journey.expectedScreens.filter((_, index) => !matched.has(index));
  return { recall: round(matched.size / journey.expectedScreens.length), missed };
};

/**
 * Alignment with a hand-drawn reference flow, 0…1: the mean of node alignment (F1 of reference steps
 * matched one to one, by type group and title, with the generated visible steps: start, screens and
 * popups, ends) and path alignment (the share of the reference's transitions whose two matched steps
 * are joined in the generated flow by a path through steps the user does not see).
 */
export const referenceAlignment = (reference: NonNullable<Journey['reference']>, doc: FlowDocument) => {
  const { nodes, edges } = visibleTransitions(doc);
  const group = (type: string) => (type === 'screen' || type === 'popup' ? 'shown' : type);
  const mapping = new Map<string, string>();
  const used = new Set<string>();
  for (const kind of ['start', 'end', 'shown']) {
    const wanted = reference.nodes.filter((node) => group(node.type) === kind);
    const have = nodes.filter((node) => group(node.type) === kind && !used.has(node.id));
    const single = kind === 'start' && wanted.length === 1 && have.length === 1;
    const matched = single
      ? new Map([[0, have[0]!.id]])
      : matchNames(
          wanted.map((node) => node.title),
          have,
        );
    for (const [index, id] of matched) {
      mapping.set(wanted[index]!.id, id);
      used.add(id);
    }
  }
  const precision = nodes.length === 0 ? 0 : mapping.size / nodes.length;
  const recall = mapping.size / reference.nodes.length;
  const nodeF1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const joined = new Set(edges.map(([from, to]) => `${from}>${to}`));
  const kept = reference.edges.filter(([from, to]) => {
    const a = mapping.get(from);
    const b = mapping.get(to);
    return a !== undefined && b !== undefined && joined.has(`${a}>${b}`);
  });
  const path = reference.edges.length === 0 ? 1 : kept.length / reference.edges.length;
  return { nodes: round(nodeF1), paths: round(path), alignment: round((nodeF1 + path) / 2) };
};

export { round };
