import { capitalized } from './words.ts';

/*
 * The steps a description lists in words ("pick a restaurant, choose the date and time, confirm the
 * booking"), as screen titles in the imperative ("Pick a restaurant"). A step is a phrase that starts
 * with an action verb, or, in a list after a colon, any noun phrase ("splash screen, intro carousel").
 */

const baseVerbs = (
  'accept add allow answer apply approve attach book browse build buy cancel capture change check choose click close compare complete ' +
  'configure confirm connect continue create crop customise customize define delete describe download drop edit enable enter explore ' +
  'export fill filter finish follow get give go grant import invite join land leave link log make name open order pay pick post ' +
  'preview print provide publish rate read receive record register rent report request reserve return review save scan schedule search ' +
  'see select send set share sign sort specify start submit subscribe take tap track transfer turn type unsubscribe update upload ' +
  'verify view watch write'
).split(' ');
const verbs = new Set(baseVerbs);

/** The base form of a verb as written ("chooses" → choose, "paying" → pay), or undefined when it is not one. */
export const baseVerb = (word: string): string | undefined => {
  const lower = word.toLowerCase();
  const tries = [
    lower,
    lower.replace(/ies$/, 'y'),
    lower.replace(/es$/, ''),
    lower.replace(/s$/, ''),
    lower.replace(/ing$/, ''),
    lower.replace(/ing$/, 'e'),
  ];
  return tries.find((form) => verbs.has(form));
};

/** A verb alone names a screen by its noun ("pay" → Payment); verbs without one make no screen on their own. */
const verbNouns: Record<string, string> = {
  pay: 'Payment',
  confirm: 'Confirmation',
  review: 'Review',
  preview: 'Preview',
  crop: 'Crop',
  publish: 'Publish',
  share: 'Share',
  search: 'Search',
  verify: 'Verification',
  approve: 'Approval',
  register: 'Registration',
  checkout: 'Checkout',
  sign: 'Sign in',
  filter: 'Filters',
  sort: 'Sorting',
  edit: 'Edit',
  rate: 'Rating',
  submit: 'Submit',
};

/** Verbs that finish a task, and how its success screen says so ("submit the application" → "Application submitted"). */
export const participles: Record<string, string> = {
  submit: 'submitted',
  send: 'sent',
  publish: 'published',
  post: 'posted',
  confirm: 'confirmed',
  book: 'booked',
  order: 'placed',
  apply: 'submitted',
  approve: 'approved',
  transfer: 'sent',
  request: 'requested',
  report: 'sent',
  share: 'shared',
  invite: 'sent',
  reserve: 'reserved',
  buy: 'purchased',
  schedule: 'scheduled',
  rent: 'booked',
  pay: 'confirmed',
};

const subjects =
  /^(?:(?:and|then|or|also|finally|first|next|after that|afterwards|lastly)\s+)*(?:(?:the|a|an)\s+)?(?:users?|customers?|visitors?|buyers?|shoppers?|members?|people|they|he|she|you|we)\s+/i;
const leading = /^(?:and|then|or|also|finally|first|next|lastly|afterwards|after that|so)\s+/i;
const objectWords = /^(?:the|a|an|their|your|his|her|its|our|my|it|them|this|that|these|those|some|any)$/i;
const pronouns = /^(?:it|them|this|that|these|those|one)$/i;
const prepositions = /^(?:with|to|from|for|in|on|by|at|into|before|after|without|through|via)$/i;
const contentStop =
  /^(?:the|a|an|their|your|his|her|its|our|my|it|them|this|that|these|those|to|in|on|of|for|with|by|at|from|into|and|or|up|out|off|back|down|over|again|first|then)$/i;

export interface Phrase {
  title: string;
  /** The action verb it starts with, base form. */
  verb?: string;
  /** The words after the verb that name what it acts on (none for "pay", "crop it"). */
  object: string;
  /** A verb alone, titled by its noun ("pay" → Payment). */
  bare?: boolean;
  position: number;
}

/** A phrase as a step: its verb put in the imperative, its object kept; null when it names nothing. */
export const phraseOf = (raw: string, position: number, nounsAllowed: boolean): Phrase | null => {
  let text = raw.trim().replace(/^[-–—•*\d.)\s]+/, '');
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(subjects, '').replace(leading, '').trim();
  }
  text = text
    .replace(/[.!?;:]+$/, '')
    .replace(/\s+(?:and|or|then|but)$/i, '')
    .trim();
  const words = text.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0 || words.length > 14) return null;
  const verb = baseVerb(words[0]!);
  if (verb === undefined) {
    if (!nounsAllowed || words.every((word) => contentStop.test(word))) return null;
    return { title: capitalized(text), object: text, position };
  }
  const rest = words.slice(1);
  const particle = verb === 'sign' || verb === 'log' || verb === 'check' || verb === 'turn' || verb === 'set' ? (rest[0] ?? '') : '';
  const content = rest.filter((word) => !contentStop.test(word));
  // What it acts on: the words after the verb up to a preposition ("share it with a colleague" acts on "it").
  const acted = rest.slice(particle ? 1 : 0);
  const until = acted.findIndex((word) => prepositions.test(word));
  const object = (until >= 0 ? acted.slice(0, until) : acted)
    .filter((word, index, all) => !(index === 0 && objectWords.test(word)) && !(all.length === 1 && pronouns.test(word)))
    .join(' ');
  if (content.length === 0) {
    const noun = verbNouns[verb];
    return noun ? { title: noun, verb, object: '', position, bare: true } : null;
  }
  return { title: capitalized([verb, ...rest].join(' ')), verb, object, position };
};

/** The title of the success screen a finishing phrase earns, or null. */
export const successTitle = (last: Phrase | undefined, headObject: string): string | null => {
  if (last?.verb === undefined) return null;
  const participle = participles[last.verb];
  if (participle === undefined) return null;
  if (last.verb === 'pay') return 'Payment confirmed';
  const object = last.object && !pronouns.test(last.object) ? last.object : headObject;
  return object === ''
    ? capitalized(participle)
    : `${capitalized(object.replace(/^(?:the|a|an|their|your|my|our)\s+/i, ''))} ${participle}`;
};

/** What the journey is about, from its head ("Book a table: …" → "table"), for a success screen. */
export const headObjectOf = (head: string): string => {
  const phrase = phraseOf(head, 0, false);
  return phrase?.object.split(/\s+(?:at|for|to|from|with|in|on|by)\s+/i)[0] ?? '';
};

/** Cuts a description into its phrases: at commas, semicolons, "then", and "and" before a verb. */
export const splitPhrases = (text: string): { text: string; position: number }[] => {
  const parts: { text: string; position: number }[] = [];
  // A conjunction before a masked mention ("…from a template and ____") ends the phrase before it.
  const cut = /\s*[,;]\s*(?:and\s+|then\s+)?|\s+(?:and|or|then)(?=\s{3,})|\s+(?:and then|then)\s+|\s+(?:and|or)\s+(?=(\S+))/gi;
  let from = 0;
  for (const found of text.matchAll(cut)) {
    // "and"/"or" cuts only before a verb: "choose the date and time" stays one step.
    if (found[1] !== undefined && baseVerb(found[1]) === undefined) continue;
    parts.push({ text: text.slice(from, found.index), position: from });
    from = found.index + found[0].length;
  }
  parts.push({ text: text.slice(from), position: from });
  return parts.filter((part) => part.text.trim() !== '');
};
