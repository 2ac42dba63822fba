import { describe, expect, it } from 'vitest';
import { classifyByRules } from '../../../shared/ai/index.ts';

const flow = { flowIsEmpty: false, hasOpenProposal: false };
const empty = { flowIsEmpty: true, hasOpenProposal: false };
const open = { flowIsEmpty: false, hasOpenProposal: true };

describe('classifyByRules', () => {
  it.each([
    // Questions are answered.
    ['Is this checkout too long?', flow, 'ai.chat'],
    ['What does the UX lint check?', flow, 'ai.chat'],
    ['How should I handle a declined card?', flow, 'ai.chat'],
    ['Why do we need a confirmation before deleting?', flow, 'ai.chat'],
    ['Should the promo code field be on the cart?', flow, 'ai.chat'],
    ['can you explain the difference between a popup and a screen', flow, 'ai.chat'],
    ['Does this flow have an error state for payment?', flow, 'ai.chat'],
    ['Tell me about guest checkout', flow, 'ai.chat'],
    ['Which screens load data?', flow, 'ai.chat'],
    ['What is a good sign-up flow?', empty, 'ai.chat'],
    ['What does step 2 do?', open, 'ai.chat'],
    ['thanks!', flow, 'ai.chat'],
    ['Hello', empty, 'ai.chat'],
    // Change requests are planned.
    ['Add a 2FA step after login', flow, 'ai.plan'],
    ['rename Cart to Basket', flow, 'ai.plan'],
    ['Remove the promo screen', flow, 'ai.plan'],
    ['Group checkout screens into a frame', flow, 'ai.plan'],
    ['Connect Shipping to Payment', flow, 'ai.plan'],
    ['Insert an order review step between shipping and payment', flow, 'ai.plan'],
    ['Can you add a loading state to Results?', flow, 'ai.plan'],
    ['Could you please remove the account locked screen?', flow, 'ai.plan'],
    ["I'd like to add a confirmation before deleting the account", flow, 'ai.plan'],
    ['Please rename the Payment screen to Card payment', flow, 'ai.plan'],
    ["Let's add an empty state to the results", flow, 'ai.plan'],
    ['Add a review screen before payment', flow, 'ai.plan'],
    ['Create a checkout flow with guest checkout', flow, 'ai.plan'],
    ['Rename Cart to Basket', open, 'ai.plan'],
    ["Don't remove the promo code", flow, 'ai.plan'],
    // Journeys described for an empty flow are generated.
    ['Sign-up with e-mail verification and Google login', empty, 'ai.generate'],
    ['Checkout with guest option and promo code', empty, 'ai.generate'],
    ['Create a checkout flow with guest checkout', empty, 'ai.generate'],
    ['Build an onboarding journey: welcome, profile, invite team', empty, 'ai.generate'],
    ['Book a table: pick a restaurant, choose the time, confirm', empty, 'ai.generate'],
    ['A password reset flow', empty, 'ai.generate'],
    ['Add a review screen', empty, 'ai.generate'],
    // Reviews.
    ['Review this flow', flow, 'ai.review'],
    ['Please audit my flow', flow, 'ai.review'],
    ['Can you review the checkout?', flow, 'ai.review'],
    ["What's wrong with this flow?", flow, 'ai.review'],
    ['Any UX issues in this flow?', flow, 'ai.review'],
    // Feedback while a proposal is open refines it.
    ['also add a loading state', open, 'ai.refine'],
    ["Don't remove the promo code", open, 'ai.refine'],
    ['Instead call it Basket', open, 'ai.refine'],
    ['Keep the contact details screen', open, 'ai.refine'],
    ['Looks good, but make the review a popup', open, 'ai.refine'],
    ['Undo step 2', open, 'ai.refine'],
    ['Rename it to Basket', open, 'ai.refine'],
    ['What about a loading state?', open, 'ai.refine'],
  ] as const)('should classify “%s” as %s', (message, facts, intent) => {
    expect(classifyByRules(message, facts)?.intent).toBe(intent);
  });

  it.each([
    ['The checkout feels long', flow],
    ["Users can't find the promo code field", flow],
    ['hmm', flow],
    ['', empty],
  ] as const)('should leave “%s” undecided (null)', (message, facts) => {
    expect(classifyByRules(message, facts)).toBeNull();
  });

  it('should say why it decided', () => {
    expect(classifyByRules('Remove the promo screen', flow)).toEqual({ intent: 'ai.plan', reason: expect.any(String) });
  });
});
