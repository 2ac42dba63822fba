import { describe, expect, it } from 'vitest';
import { planJourney, proposedOperations, readDescription, Unclear } from '../../../shared/ai/offline/index.ts';
import { applied, blank, edgeBetween, template, titles } from './offline-kit.ts';

const plan = (description: string) => {
  const draft = planJourney(blank(), description);
  return { draft, operations: proposedOperations(draft), ...applied(blank(), proposedOperations(draft)) };
};

describe('the journey planner', () => {
  it.each([
    [
      'Sign-up with e-mail verification and Google login',
      ['Create your account', 'Check your inbox', 'Continue with Google', 'Sign-in with Google failed'],
    ],
    ['Checkout with guest option and promo code', ['Your cart', 'Contact details', 'Promo code not valid', 'Payment', 'Order confirmed']],
    ['Sign in, with a forgotten password path', ['Sign in', 'Reset your password', 'Choose a new password']],
    ['Browse products, view a product page, add it to the cart and check out', ['Results', 'Product details', 'Your cart']],
    [
      'Book a table: pick a restaurant, choose the date and time, enter the party size and confirm the booking',
      ['Pick a restaurant', 'Choose the date and time', 'Enter the party size', 'Confirm the booking', 'Booking confirmed'],
    ],
    [
      'Subscription cancellation with a retention offer and an exit survey',
      ['Manage subscription', 'Why are you leaving?', 'Cancel your subscription?'],
    ],
  ])('should compose “%s” into a flow free of errors with the screens it names', (description, expected) => {
    const { document, errors } = plan(description);
    expect(titles(document)).toEqual(expect.arrayContaining(expected));
    expect(errors).toEqual([]);
  });

  it('should reuse the empty flow’s start and end, and start from the template’s first screen', () => {
    const { document } = plan('Checkout with guest option and promo code');
    expect(document.nodes.filter((node) => node.type === 'start').map((node) => node.id)).toEqual(['start']);
    expect(edgeBetween(document, 'start', 'cart')).toBe(true);
    expect(document.nodes.find((node) => node.id === 'end')?.title).toBe('Order placed');
    expect(document.edges.some((edge) => edge.id === 'start-end')).toBe(false);
  });

  it('should join two templates: login offers sign-up, and sign-up’s “continue to sign in” leads back to login', () => {
    const { document } = plan('Sign in or sign up');
    expect(edgeBetween(document, 'login', 'signup_form')).toBe(true);
    const signUpToLogin = document.edges.some(
      (edge) =>
        edge.target === 'login' && document.nodes.find((node) => node.id === edge.source)?.title === 'This email already has an account',
    );
    expect(signUpToLogin).toBe(true);
  });

  it('should put what comes after “after” first', () => {
    const { segments } = readDescription('Onboarding checklist after sign-up');
    expect(segments.map((segment) => segment.key)).toEqual(['builtin-sign-up', 'builtin-onboarding']);
  });

  it.each([
    ['Checkout for signed-in customers with saved addresses and Apple Pay', []],
    ['Login with Apple and Google sign-in options', ['Apple', 'Google']],
    ['Sign up with Microsoft or GitHub', ['Microsoft', 'GitHub']],
  ])('should read the social sign-in providers of “%s”', (description, providers) => {
    expect(readDescription(description).providers).toEqual(providers);
  });

  it('should write no coordinates and give every operation an id and a rationale', () => {
    const { operations, draft } = plan('Sign-up with e-mail verification, followed by onboarding');
    const positions = operations.flatMap((entry) => (entry.operation.type === 'ADD_NODE' ? [entry.operation.node.position] : []));
    expect(new Set(positions.map((position) => JSON.stringify(position)))).toEqual(new Set(['{"x":0,"y":0}']));
    expect(operations.every((entry, index) => entry.id === `op${index + 1}` && /^Step \d+: \S/.test(entry.rationale))).toBe(true);
    expect(draft.steps.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['a flow that already has steps', () => planJourney(template('login'), 'Checkout with promo code'), /already has steps/],
    ['a description naming nothing', () => planJourney(blank(), 'hmm'), /Which screens/],
  ])('should ask back for %s', (_, action, pattern) => {
    let question = '';
    try {
      action();
    } catch (error) {
      if (!(error instanceof Unclear)) throw error;
      question = error.question;
    }
    expect(question).toMatch(pattern);
  });
});
