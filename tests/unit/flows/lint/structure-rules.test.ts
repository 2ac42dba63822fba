import { describe, expect, it } from 'vitest';
import { lintRules } from '../../../../shared/flows/index.ts';
import { validFlow } from '../fixtures.ts';
import { applyFix, edge, flowOf, node, onlyFinding, screen } from './lint-kit.ts';

const rule = (name: string) => {
  const found = lintRules[name];
  if (found === undefined) throw new Error(`no lint rule ${name}`);
  return found;
};

describe('DECISION_EXITS', () => {
  const decisionExits = rule('DECISION_EXITS');
  const withExits = (...exits: ReturnType<typeof edge>[]) =>
    flowOf(
      [node('start', 'start'), node('ok', 'decision', { data: { condition: 'x' } }), node('a', 'end'), node('b', 'end')],
      [edge('start', 'ok'), ...exits],
    );

  it('should find nothing when a decision has an if_true and an if_false exit', () => {
    expect(decisionExits(validFlow())).toEqual([]);
  });

  it('should report an error, fixable, when a decision has one branch and one unlabelled edge', () => {
    const doc = withExits(edge('ok', 'a', { trigger: 'if_true' }), edge('ok', 'b'));
    const found = onlyFinding(decisionExits, doc);
    expect(found).toMatchObject({ rule: 'DECISION_EXITS', severity: 'error', nodeIds: ['ok'] });
    expect(decisionExits(applyFix(doc, found))).toEqual([]);
  });

  it('should count two edges with the same label as one exit, and offer no fix when none is obvious', () => {
    const found = onlyFinding(decisionExits, withExits(edge('ok', 'a', { label: 'Yes' }), edge('ok', 'b', { label: 'Yes', id: 'e2' })));
    expect(found.fix).toBeUndefined();
  });

  it('should report a condition whose outputs are unlabelled, and accept one whose outputs are labelled', () => {
    const condition = (label: string) =>
      flowOf(
        [
          node('start', 'start'),
          node('c', 'condition', {
            data: {
              conditions: [
                { id: 'x', label },
                { id: 'y', label },
              ],
            },
          }),
          node('a', 'end'),
        ],
        [edge('start', 'c'), edge('c', 'a', { sourceHandle: 'x' }), edge('c', 'a', { sourceHandle: 'y' })],
      );
    expect(onlyFinding(decisionExits, condition('')).nodeIds).toEqual(['c']);
    expect(decisionExits(condition('Labelled'))).toEqual([]);
  });
});

describe('SCREEN_UNREACHABLE', () => {
  const screenReachable = rule('SCREEN_UNREACHABLE');

  it('should find nothing when every screen is reached from the start', () => {
    expect(screenReachable(validFlow())).toEqual([]);
  });

  it('should report an error naming a screen no path from a start reaches', () => {
    const doc = flowOf([node('start', 'start'), node('end', 'end'), screen('orphan')], [edge('start', 'end'), edge('orphan', 'end')]);
    expect(onlyFinding(screenReachable, doc)).toMatchObject({ rule: 'SCREEN_UNREACHABLE', severity: 'error', nodeIds: ['orphan'] });
  });
});

describe('START_WITHOUT_END', () => {
  const startReachesEnd = rule('START_WITHOUT_END');

  it('should find nothing when the start reaches an end', () => {
    expect(startReachesEnd(validFlow())).toEqual([]);
  });

  it('should report an error on a start whose paths never reach an end', () => {
    const doc = flowOf(
      [node('start', 'start'), screen('a'), screen('b'), node('end', 'end')],
      [edge('start', 'a'), edge('a', 'b'), edge('b', 'a')],
    );
    expect(onlyFinding(startReachesEnd, doc)).toMatchObject({ rule: 'START_WITHOUT_END', severity: 'error', nodeIds: ['start'] });
  });
});

describe('DEAD_END_SCREEN', () => {
  const deadEndScreen = rule('DEAD_END_SCREEN');

  it('should find nothing when every screen has a way out', () => {
    expect(deadEndScreen(validFlow())).toEqual([]);
  });

  it('should report an error whose fix connects the screen to the existing end node', () => {
    const doc = flowOf(
      [node('start', 'start'), screen('home'), screen('stuck'), node('end', 'end')],
      [edge('start', 'home'), edge('home', 'stuck'), edge('home', 'end')],
    );
    const found = onlyFinding(deadEndScreen, doc);
    expect(found).toMatchObject({ rule: 'DEAD_END_SCREEN', severity: 'error', nodeIds: ['stuck'] });
    const fixed = applyFix(doc, found);
    expect(fixed.nodes).toHaveLength(doc.nodes.length);
    expect(deadEndScreen(fixed)).toEqual([]);
  });

  it('should add an end node in its fix when the flow has none', () => {
    const doc = flowOf([node('start', 'start'), screen('stuck')], [edge('start', 'stuck')]);
    const fixed = applyFix(doc, onlyFinding(deadEndScreen, doc));
    expect(fixed.nodes.filter((found) => found.type === 'end')).toHaveLength(1);
    expect(deadEndScreen(fixed)).toEqual([]);
  });
});

describe('CYCLE_WITHOUT_EXIT', () => {
  const cycleWithoutExit = rule('CYCLE_WITHOUT_EXIT');

  it('should find nothing when every loop has an exit (the login retry loop)', () => {
    expect(cycleWithoutExit(validFlow())).toEqual([]);
  });

  it('should report an error naming the loop’s nodes, and its fix gives the loop a way out', () => {
    const doc = flowOf(
      [node('start', 'start'), screen('a'), node('check', 'action'), screen('b'), node('end', 'end')],
      [edge('start', 'a'), edge('start', 'end'), edge('a', 'check'), edge('check', 'b'), edge('b', 'a')],
    );
    const found = onlyFinding(cycleWithoutExit, doc);
    expect(found).toMatchObject({ rule: 'CYCLE_WITHOUT_EXIT', severity: 'error' });
    expect([...found.nodeIds].sort()).toEqual(['a', 'b', 'check']);
    expect(cycleWithoutExit(applyFix(doc, found))).toEqual([]);
  });

  it('should not call a dead end without a loop a cycle', () => {
    const doc = flowOf([node('start', 'start'), screen('stuck'), node('end', 'end')], [edge('start', 'stuck'), edge('start', 'end')]);
    expect(cycleWithoutExit(doc)).toEqual([]);
  });
});
