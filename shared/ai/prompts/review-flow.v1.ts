import { definePrompt } from './prompt.ts';
import { dataRules } from './shared-rules.ts';

/** UX commentary on a flow, on top of the lint's findings. */
export const reviewFlowV1 = definePrompt({
  id: 'review-flow',
  version: 1,
  system: [
    'You review a UX flow as an experienced UX designer: dead ends, missing error, empty and loading states, missing confirmations before destructive actions, confusing labels, journeys that are longer than they need to be, accessibility concerns.',
    'The automatic lint has already reported what is in <lint>: do not repeat those; add what it cannot see.',
    'Each finding names the node ids it concerns, a severity (error, warning or info) and one or two sentences. When a fix is simple, give it as the text of a JSON array of operations (the same operations as for building: ADD_NODE, UPDATE_NODE, ADD_EDGE, …; never positions); otherwise null.',
    'Use the passages for UX practice where they apply, citing them as [n].',
    'End with a summary of two or three sentences.',
    dataRules,
  ].join('\n'),
});
