import { describe, expect, it } from 'vitest';
import { planEdit, proposedOperations, Unclear } from '../../../shared/ai/offline/index.ts';
import { applied, edgeBetween, template } from './offline-kit.ts';

const question = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    if (error instanceof Unclear) return error.question;
    throw error;
  }
  throw new Error('expected a clarifying question');
};

describe('the edit interpreter', () => {
  it.each([
    [
      'checkout',
      'rename Your cart to Basket',
      (doc: ReturnType<typeof template>) => doc.nodes.find((node) => node.id === 'cart')?.title === 'Basket',
    ],
    [
      'checkout',
      'Rename cart to Basket and add a loading state to Shipping',
      (doc: ReturnType<typeof template>) =>
        doc.nodes.find((node) => node.id === 'cart')?.title === 'Basket' &&
        (doc.nodes.find((node) => node.id === 'shipping')?.uiMetadata?.variants ?? []).some((variant) => variant.type === 'loading'),
    ],
    [
      'login',
      'add a captcha before checking the credentials',
      (doc: ReturnType<typeof template>) => doc.nodes.some((node) => node.title === 'Captcha' && edgeBetween(doc, 'login', node.id)),
    ],
    [
      'sign-up',
      'Add a 2FA step after the email verification',
      (doc: ReturnType<typeof template>) => doc.nodes.some((node) => /two-factor/.test(node.title)),
    ],
    [
      'onboarding',
      'remove Pick a starter template',
      (doc: ReturnType<typeof template>) =>
        !doc.nodes.some((node) => node.id === 'templates_pick') && edgeBetween(doc, 'use_case', 'preferences'),
    ],
    [
      'search-filter',
      'Give No results an error state',
      (doc: ReturnType<typeof template>) =>
        (doc.nodes.find((node) => node.id === 'no_results')?.uiMetadata?.variants ?? []).some((variant) => variant.type === 'error'),
    ],
    [
      'settings',
      'Group Profile and Security into a frame named Account',
      (doc: ReturnType<typeof template>) => doc.frames.some((frame) => frame.title === 'Account' && frame.nodeIds.length === 2),
    ],
  ])('on %s, should carry out “%s” and keep the flow free of errors', (name, instruction, holds) => {
    const base = template(name);
    const draft = planEdit(base, instruction, []);
    const { document, errors } = applied(base, proposedOperations(draft));
    expect(holds(document)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('should never touch a node the instruction does not name', () => {
    const base = template('checkout');
    const draft = planEdit(base, 'Add a review screen before Payment', []);
    const { document } = applied(base, proposedOperations(draft));
    const untouched = base.nodes.filter((node) => node.id !== 'payment' && node.id !== 'shipping');
    for (const node of untouched) {
      const now = document.nodes.find((found) => found.id === node.id);
      expect({ ...now, position: null, size: null }).toEqual({ ...node, position: null, size: null });
    }
  });

  it('should write no coordinates: every new node is at {0, 0} for the layout to place', () => {
    const draft = planEdit(template('checkout'), 'Insert an order review step between shipping and payment', []);
    const added = draft.operations.flatMap((entry) => (entry.operation.type === 'ADD_NODE' ? [entry.operation.node.position] : []));
    expect(added).toEqual([{ x: 0, y: 0 }]);
  });

  it('should number operations op1… and give each a rationale naming its step', () => {
    const operations = proposedOperations(planEdit(template('checkout'), 'rename Cart to Basket and remove Contact details', []));
    expect(operations.map((entry) => entry.id)).toEqual(operations.map((_, index) => `op${index + 1}`));
    expect(operations.every((entry) => /^Step [12]: \S/.test(entry.rationale))).toBe(true);
  });

  it('should resolve “it” to the selection', () => {
    const draft = planEdit(template('checkout'), 'Rename it to Basket', ['cart']);
    expect(draft.operations[0]?.operation).toEqual({ type: 'UPDATE_NODE', id: 'cart', changes: { title: 'Basket' } });
  });

  it.each([
    ['checkout', 'Rename Confirm to Approve', [], /could mean/],
    ['checkout', 'Remove the unicorn screen', [], /could not find/],
    ['checkout', 'Rename it to Basket', [], /Select it/],
    ['checkout', 'Add a screen', [], /called/],
    ['checkout', 'Add a Help screen', [], /Where should/],
    ['checkout', 'Remove the start', [], /start/],
    ['checkout', 'Connect Payment outcome to Your cart', [], /outcomes/],
    ['search-filter', 'Link No results back to Search', [], /already leads/],
    ['login', 'Add a 2FA step after login', [], /already has/],
    ['settings', 'Add a confirmation before deleting the account', [], /already confirmed/],
    ['password-reset', 'Add a loading state to Choose a new password', [], /already has/],
    ['checkout', 'make it pop', [], /did not understand/],
  ])('on %s, should ask back instead of guessing on “%s”', (name, instruction, focus, pattern) => {
    expect(question(() => planEdit(template(name), instruction, focus))).toMatch(pattern);
  });
});
