import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/kernel/index.ts';
import { lintFlow, type FlowDocument } from '../../../shared/flows/index.ts';
import { createOfflineAgents, type AgentContext, type Passage } from '../../../shared/ai/index.ts';
import { applied, blank, template, titles } from './offline-kit.ts';

const context = (flow: FlowDocument, message: string, extra: Partial<AgentContext> = {}): AgentContext => ({
  message,
  messageId: 'msg_1',
  flow,
  focusNodeIds: [],
  passages: [],
  quality: 'standard',
  ...extra,
});

const proposal = async (flow: FlowDocument, message: string, extra: Partial<AgentContext> = {}) => {
  const agents = createOfflineAgents();
  const plan = await agents.plan({ ...context(flow, message, extra), mode: 'edit' });
  const built = await agents.build({ ...context(flow, message, extra), steps: plan.steps });
  return { plan, built };
};

describe('the offline agents', () => {
  it('should say which model and prompt answered, at no cost', async () => {
    const agents = createOfflineAgents();
    const results = await Promise.all([
      agents.classify(context(template('login'), 'Rename Sign in to Log in')),
      agents.answer(context(template('login'), 'How many screens does it have?')),
      agents.plan({ ...context(template('login'), 'Rename Sign in to Log in'), mode: 'edit' }),
      agents.review({ ...context(template('login'), 'Review'), lint: [] }),
    ]);
    expect(results.map(({ model, promptId, usage }) => ({ model, promptId, usage }))).toEqual([
      { model: 'offline', promptId: 'offline-classifier@1', usage: [] },
      { model: 'offline', promptId: 'offline-answer@1', usage: [] },
      { model: 'offline', promptId: 'offline-planner@1', usage: [] },
      { model: 'offline', promptId: 'offline-reviewer@1', usage: [] },
    ]);
  });

  it.each([
    ['Remove the promo screen', 'ai.plan'],
    ['The checkout feels long', 'ai.chat'],
  ])('should always decide an intent for “%s” (asking back when the rules cannot tell)', async (message, intent) => {
    const decided = await createOfflineAgents().classify(context(template('checkout'), message));
    expect(decided.intent).toBe(intent);
  });

  it('should build the operations its plan described, and the same again without having seen the plan', async () => {
    const { plan, built } = await proposal(template('checkout'), 'Add a review screen before Payment');
    const fresh = await createOfflineAgents().build({
      ...context(template('checkout'), 'Add a review screen before Payment'),
      steps: plan.steps,
    });
    expect(plan.steps).toHaveLength(1);
    expect(built.operations.length).toBeGreaterThan(0);
    expect(fresh.operations).toEqual(built.operations);
  });

  it('should generate a journey on an empty flow', async () => {
    const agents = createOfflineAgents();
    const base = context(blank(), 'Checkout with guest option and promo code');
    const plan = await agents.plan({ ...base, mode: 'generate' });
    const built = await agents.build({ ...base, steps: plan.steps });
    const { document, errors } = applied(blank(), built.operations);
    expect(titles(document)).toContain('Your cart');
    expect(errors).toEqual([]);
  });

  it('should answer a clarifying question instead of a plan when the request is ambiguous', async () => {
    const plan = await createOfflineAgents().plan({ ...context(template('checkout'), 'Rename Confirm to Approve'), mode: 'edit' });
    expect(plan).toMatchObject({ steps: [], clarifyingQuestion: expect.stringMatching(/could mean/) });
  });

  describe('refining a proposal', () => {
    const refine = async (instruction: string, feedback: string, focusNodeIds: string[] = []) => {
      const base = template('checkout');
      const agents = createOfflineAgents();
      const first = await agents.plan({ ...context(base, instruction, { focusNodeIds }), mode: 'edit' });
      const operations = (await agents.build({ ...context(base, instruction, { focusNodeIds }), steps: first.steps })).operations;
      const revised = await agents.plan({
        ...context(base, feedback, { messageId: 'msg_2' }),
        mode: 'edit',
        previous: { steps: first.steps, operations, feedback },
      });
      const built = await agents.build({ ...context(base, feedback, { messageId: 'msg_2' }), steps: revised.steps });
      return { first, revised, ...applied(base, built.operations) };
    };

    it('should add what the feedback asks on top of the proposal, “it” being what the proposal added', async () => {
      const { revised, document, errors } = await refine('Add a review screen before Payment', 'also add a loading state to it');
      expect(revised.steps).toHaveLength(2);
      const review = document.nodes.find((node) => node.title === 'Review');
      expect(review?.uiMetadata?.variants?.map((variant) => variant.type)).toEqual(['loading']);
      expect(errors).toEqual([]);
    });

    it('should drop the step the feedback refuses, with its operations', async () => {
      const { first, revised, document } = await refine('Rename Cart to Basket and remove Contact details', "don't remove Contact details");
      expect(first.steps).toHaveLength(2);
      expect(revised.steps).toHaveLength(1);
      expect(titles(document)).toEqual(expect.arrayContaining(['Basket', 'Contact details']));
    });

    it('should undo a step by its number', async () => {
      const { revised, document } = await refine('Rename Cart to Basket and remove Contact details', 'undo step 1');
      expect(revised.steps).toHaveLength(1);
      expect(titles(document)).toContain('Your cart');
      expect(titles(document)).not.toContain('Contact details');
    });
  });

  it('should review with the lint’s findings first, then its own suggestions and a summary', async () => {
    const flow = template('checkout');
    flow.nodes.find((node) => node.id === 'payment')!.uiMetadata = {};
    const lint = [{ nodeIds: ['cart'], severity: 'warning' as const, message: 'from the lint' }];
    const review = await createOfflineAgents().review({ ...context(flow, 'Review this flow'), lint });
    expect(review.findings[0]).toEqual(lint[0]);
    expect(review.findings.some((found) => found.nodeIds.includes('payment') && found.fix !== undefined)).toBe(true);
    expect(review.summary).toMatch(/^0 errors, 1 warning, \d+ suggestions?\./);
  });

  it('should answer from the passages, citing them', async () => {
    const passages: Passage[] = [
      {
        title: 'Guest checkout',
        text: 'Offer guest checkout so that buyers can pay without creating an account first.',
        documentId: 'guest-checkout',
        chunkId: 'c1',
      },
    ];
    const answer = await createOfflineAgents().answer(
      context(template('checkout'), 'Should buyers be able to pay without an account?', { passages }),
    );
    expect(answer.answer).toMatch(/\[1\]$/);
  });

  it('should answer questions about the flow itself from the document', async () => {
    const answer = await createOfflineAgents().answer(context(template('checkout'), 'What comes after Shipping?'));
    expect(answer.answer).toMatch(/Payment/);
  });

  it('should ask back when a message is neither a question nor an instruction', async () => {
    const answer = await createOfflineAgents().answer(context(template('checkout'), 'The checkout feels long'));
    expect(answer).toMatchObject({ answer: null, clarifyingQuestion: expect.any(String) });
  });

  it('should repair a failed attempt: drop the operation the validator named and add the lint’s fix', async () => {
    const flow = template('checkout');
    const attempt = {
      operations: [
        { id: 'op1', operation: { type: 'UPDATE_NODE' as const, id: 'cart', changes: { title: 'Basket' } }, rationale: 'Step 1: rename' },
        { id: 'op2', operation: { type: 'DELETE_NODE' as const, id: 'nope' }, rationale: 'Step 1: broken' },
        {
          id: 'op3',
          operation: { type: 'ADD_NODE' as const, node: { id: 'lost', type: 'screen' as const, title: 'Lost', position: { x: 0, y: 0 } } },
          rationale: 'Step 1: a dead end',
        },
        {
          id: 'op4',
          operation: { type: 'ADD_EDGE' as const, edge: { id: 'to_lost', source: 'shipping', target: 'lost' } },
          rationale: 'Step 1: reach it',
        },
      ],
      errors: [{ operationId: 'op2', rule: 'NODE_NOT_FOUND', message: 'No node "nope".', nodeIds: [] }],
    };
    const repaired = await createOfflineAgents().build({ ...context(flow, 'x'), steps: ['rename'], attempt });
    expect(repaired.operations.slice(0, 3).map((entry) => entry.id)).toEqual(['op1', 'op3', 'op4']);
    const { errors } = applied(flow, repaired.operations);
    expect(errors).toEqual([]);
    expect(lintFlow(applied(flow, repaired.operations).document).filter((found) => found.rule === 'DEAD_END_SCREEN')).toEqual([]);
  });

  it('should stop with `unavailable` when the job is aborted', async () => {
    const signal = AbortSignal.abort();
    const outcome = await createOfflineAgents()
      .plan({ ...context(template('login'), 'Rename Sign in to Log in', { signal }), mode: 'edit' })
      .catch((error: unknown) => error);
    expect(isDomainError(outcome) && { kind: outcome.kind, code: outcome.code }).toEqual({ kind: 'unavailable', code: 'AI_ABORTED' });
  });
});
