import type { MessageIntent } from '../agents.ts';

/*
 * The rules classifier: which operation a message asks for, from its wording alone, so that most
 * messages need no model. Questions are answered (ai.chat), change requests planned (ai.plan), a
 * described journey on an empty flow generated (ai.generate), feedback on an open proposal refines
 * it (ai.refine), "review"/"audit" reviews. `null` when the wording does not tell ("the checkout
 * feels long"): the runner then asks a model, or the offline classifier asks back.
 */

export interface ClassifyFacts {
  flowIsEmpty: boolean;
  hasOpenProposal: boolean;
}

export interface RuleDecision {
  intent: MessageIntent;
  reason: string;
}

const changeVerbs =
  'add|insert|remove|delete|drop|rename|retitle|relabel|connect|link|group|put|move|replace|change|make|swap|split|merge|include|attach|wire|create|build|design|generate|draw|sketch|set|turn|show|hide|reorder|place|append|prepend|ask|require|give|call|name|skip|undo|use|get rid of|take out';
const startsWithChange = new RegExp(`^(?:${changeVerbs})\\b`, 'i');
const politeness =
  /^(?:(?:ok(?:ay)?|so|now|please|pls|kindly|hey|hi)[,!\s]+)*(?:(?:can|could|would|will) you(?: please)?\s+|i(?:'d| would) like (?:you )?to\s+|i (?:want|need) (?:you )?to\s+|let'?s\s+|we (?:need|want|should) to\s+|(?:please\s+)?make sure to\s+)?/i;
const questionStart =
  /^(?:what|why|how|when|where|which|who|whom|whose|is|are|am|was|were|does|do|did|can|could|should|would|will|shall|may|might|must|has|have|had|isn'?t|aren'?t|doesn'?t|shouldn'?t|any|tell me|explain|help me understand)\b/i;
const reviewAsk =
  /^(?:(?:please\s+)?(?:can|could|would) you\s+)?(?:please\s+)?(?:review|audit|critique|lint|assess|evaluate|check)\b(?!\s+(?:screen|step|page|popup)s?\b)|\b(?:ux|design|usability) (?:review|audit)\b|\bwhat(?:'s| is) wrong with (?:this|my|the) (?:flow|journey|design)\b|\bgive me feedback on (?:this|my|the) (?:flow|journey)\b|\bany (?:ux |usability )?(?:issues|problems) (?:in|with) (?:this|my|the) (?:flow|journey)\b/i;
const chitChat =
  /^(?:hi|hello|hey|thanks|thank you|thx|cheers|great|cool|nice|perfect|ok|okay|good job)\b[\s!.]*(?:you|there|a lot|so much)?[\s!.]*$/i;
const feedback =
  /^(?:also|and|plus|but|instead|actually|rather|almost|close|nearly|same|no\b[,.]?|not\b|nope|don'?t|do not|never|keep|leave|undo|revert|without|except|make it|make that|call it|name it|change (?:it|that)|what about|how about|looks good|good,? but|great,? but|better,? but)/i;
const proposalWords = /\b(?:the|this|that|your) (?:proposal|plan|suggestion|change|version)\b|\bstep \d+\b/i;
const pronounEdit = /^(?:\w+\s+){0,3}(?:it|that|them|those)\b/i;

/** The decision the rules can make, or null when the wording does not tell. */
export const classifyByRules = (message: string, facts: ClassifyFacts): RuleDecision | null => {
  const text = message.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  if (chitChat.test(text)) return { intent: 'ai.chat', reason: 'a greeting or thanks' };
  const request = text.replace(politeness, '');
  if (reviewAsk.test(text) && !/^(?:add|insert|put|create)\b/i.test(request))
    return { intent: 'ai.review', reason: 'asks for a review of the flow' };
  if (facts.hasOpenProposal && feedback.test(text)) return { intent: 'ai.refine', reason: 'feedback on the open proposal' };
  const politeRequest = request !== text && startsWithChange.test(request);
  const isQuestion = !politeRequest && !/^(?:do not|don'?t)\b/i.test(text) && (text.endsWith('?') || questionStart.test(text));
  if (isQuestion) return { intent: 'ai.chat', reason: 'a question' };
  if (facts.hasOpenProposal && (proposalWords.test(text) || (startsWithChange.test(request) && pronounEdit.test(request)))) {
    return { intent: 'ai.refine', reason: 'a change to the open proposal' };
  }
  if (startsWithChange.test(request) || /^(?:do not|don'?t)\b/i.test(text)) {
    return facts.flowIsEmpty
      ? { intent: 'ai.generate', reason: 'a journey to build on an empty flow' }
      : { intent: 'ai.plan', reason: 'a change to the flow' };
  }
  // A journey named without a verb ("Checkout with guest option and promo code") on a flow that has nothing yet.
  if (
    facts.flowIsEmpty &&
    /\b(?:flow|journey|sign[\s-]?up|sign[\s-]?in|log[\s-]?in|checkout|onboarding|with|then|screen|page)\b|[,:→>]/i.test(text)
  ) {
    return { intent: 'ai.generate', reason: 'describes a journey for an empty flow' };
  }
  return null;
};
