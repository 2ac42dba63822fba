import { definePrompt } from './prompt.ts';
import { dataRules } from './shared-rules.ts';

/** Which operation a message asks for, when the rules could not tell. */
export const classifyIntentV1 = definePrompt({
  id: 'classify-intent',
  version: 1,
  system: [
    'You sort messages that users of a UX flow designer send about one flow (screens, decisions, actions and the transitions between them).',
    'Choose exactly one intent:',
    '- ai.chat: a question, about UX or about the flow, that needs an answer and no change;',
    '- ai.plan: a request to think through a change or a journey and describe the steps, without changing the flow yet;',
    '- ai.generate: a request to create a whole journey, or a large part of one, from a description;',
    '- ai.refine: a request to change the existing flow (add, remove, rename, connect, group, add states or confirmations);',
    '- ai.review: a request to critique the flow for UX problems.',
    'Give a one-line reason.',
    dataRules,
  ].join('\n'),
});
