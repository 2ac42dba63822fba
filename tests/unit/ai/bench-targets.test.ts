import { describe, expect, it } from 'vitest';
import { aiFigures } from '../../../scripts/bench/ai-run.ts';
import { matchNames, readEdits, readJourneys, referenceAlignment } from '../../../scripts/bench/ai-figures.ts';

describe('the AI bench fixtures and targets (offline provider)', () => {
  it('should have at least 40 journeys (10 with a reference flow) and 40 edit instructions', () => {
    const journeys = readJourneys();
    expect(journeys.length).toBeGreaterThanOrEqual(40);
    expect(journeys.filter((journey) => journey.reference).length).toBeGreaterThanOrEqual(10);
    expect(readEdits().length).toBeGreaterThanOrEqual(40);
  });

  // The same figures `npm run bench:ai` prints, without its layout pass (positions change neither the rules nor the lint).
  it('should meet the targets: every proposal valid with no lint error, recall ≥ 0.8, edits exact ≥ 0.9', async () => {
    const { figures, journeys, edits } = await aiFigures(undefined, { layout: false });
    const invalid = [...journeys, ...edits].filter((found) => !found.valid).map((found) => `${found.id}: ${found.problems.join('; ')}`);
    expect(invalid).toEqual([]);
    expect(figures.valid_share).toBe(1);
    expect(figures.screen_recall).toBeGreaterThanOrEqual(0.8);
    expect(figures.edits_exact).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it.each([
    // A title fitting two names goes to the one nothing else fits.
    [['Sign in with Apple', 'Sign-in failed'], ['Continue with Apple', 'Sign-in with Apple or Google failed'], 2],
    [['Cart', 'Checkout'], ['Your cart'], 1],
    [['Order confirmation'], ['Payment'], 0],
    [['Seat selection'], ['Select seats'], 1],
  ])('should match expected names %j to titles %j one to one (%i pairs)', (names, titles, pairs) => {
    expect(
      matchNames(
        names,
        titles.map((title, index) => ({ id: `n${index}`, title })),
      ).size,
    ).toBe(pairs);
  });

  it('should score a flow that is the reference itself as fully aligned', () => {
    const reference = {
      nodes: [
        { id: 'start', type: 'start', title: 'Start' },
        { id: 'cart', type: 'screen', title: 'Cart' },
        { id: 'end', type: 'end', title: 'Order placed' },
      ],
      edges: [
        ['start', 'cart'],
        ['cart', 'end'],
      ] as [string, string][],
    };
    const doc = {
      metadata: { schemaVersion: '2.0' as const, flowName: 'x', version: '1.0.0' },
      nodes: reference.nodes.map((node) => ({ ...node, type: node.type as 'start', position: { x: 0, y: 0 } })),
      edges: reference.edges.map(([source, target], index) => ({ id: `e${index}`, source, target })),
      frames: [],
    };
    expect(referenceAlignment(reference, doc)).toEqual({ nodes: 1, paths: 1, alignment: 1 });
  });
});
