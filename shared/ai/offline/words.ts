/*
 * Words: how the offline planner compares what people type with the titles of a flow. No model, so
 * the comparison is lexical: lower-case, a few phrases folded to one word ("log in", "sign-in" and
 * "login" are one thing), stop words and UI nouns ("screen", "step") dropped, a crude stem.
 */

// Phrases that mean the same thing in flows, folded before splitting into words (order matters: longest first).
const folds: [RegExp, string][] = [
  [
    /\b(?:two|2)[\s-]?(?:factor|step)(?:\s+(?:authentication|auth|verification))?\b|\b(?:2fa|mfa|otp|totp)\b|\bone[\s-]time (?:code|password)\b/g,
    ' twofactor ',
  ],
  [/\b(?:sign|log)(?:s|ed|ing|ged|ging)?[\s-]?(?:in|on)\b|\blogins?\b|\blogon\b/g, ' signin '],
  [/\b(?:sign|log)(?:s|ed|ing|ged|ging)?[\s-]?(?:out|off)\b|\blogout\b/g, ' signout '],
  [
    /\bsign(?:s|ed|ing)?[\s-]?up\b|\bregist(?:er|ers|ered|ering|ration)\b|\bcreat(?:e|es|ed|ing)\s+(?:an?\s+|your\s+|their\s+|my\s+)?(?:new\s+)?account\b/g,
    ' signup ',
  ],
  [/\be-?mails?\b|\binbox\b/g, ' email '],
  [/\bcheck[\s-]?out\b/g, ' checkout '],
  [/\b(?:basket|bag)\b/g, ' cart '],
  [/\bverif(?:y|ies|ied|ying|ication)\b/g, ' verify '],
  [/\bconfirm(?:s|ed|ing|ation|ations)?\b/g, ' confirm '],
  [/\bpay(?:s|ing|ment|ments)?\b|\bpaid\b/g, ' pay '],
  [/\b(?:delet(?:e|es|ed|ing|ion)|remov(?:e|es|ed|ing|al)|eras(?:e|es|ed|ing|ure))\b/g, ' delete '],
  [/\binvit(?:e|es|ed|ing|ation|ations)\b/g, ' invite '],
  [/\bnotif(?:y|ication|ications)\b/g, ' notify '],
  [/\bcancel(?:s|led|ling|lation)?\b/g, ' cancel '],
  [/\bsubscri(?:be|bes|bed|bing|ption|ptions)\b/g, ' subscription '],
  [/\b(?:photo|photos|picture|pictures|image|images)\b/g, ' photo '],
  [/\bpass(?:word|words|code|codes)\b/g, ' password '],
];

const stopWords = new Set(
  (
    'a an and are as at be been but by can could do does for from had has have how i if in into is it its me my of on or ' +
    'our should so than that the their them then there these they this to was we were what when where which who why will with ' +
    'would you your about after before all also any each more most other over same some such only own very just please ' +
    'screen screens page pages step steps view views popup popups dialog dialogs modal modals node nodes box'
  ).split(' '),
);

/** A crude stem: "errors" meets "error", "choosing" meets "choose" (both lose their ending). */
export const stemOf = (word: string): string => {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  const stripped = word.replace(/(?:ing|ed|es|s|e)$/u, '');
  return stripped.length >= 3 ? stripped : word;
};

/** The comparable words of a text: folded, without stop words, stemmed. */
export const wordsOf = (text: string): string[] => {
  let folded = ` ${text.toLowerCase().replace(/[’‘]/g, "'")} `;
  for (const [pattern, replacement] of folds) folded = folded.replace(pattern, replacement);
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !stopWords.has(word)).map(stemOf);
};

/** Edit distance, for a typo in a longer word ("shiping"). */
const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
};

const sameWord = (a: string, b: string): boolean => a === b || (a.length >= 5 && b.length >= 5 && distance(a, b) <= 1);

/**
 * How well a query names a title, 0…1: 1 when they have the same words, 0.8–1 when the title
 * contains every word of the query, the share of the query's words found otherwise (counted only
 * from one half up: one word of three is not a match).
 */
export const similarity = (query: string, title: string): number => {
  const wanted = [...new Set(wordsOf(query))];
  const have = [...new Set(wordsOf(title))];
  if (wanted.length === 0 || have.length === 0) return 0;
  const found = wanted.filter((word) => have.some((other) => sameWord(word, other))).length;
  if (found === wanted.length) return found === have.length ? 1 : 0.8 + (0.2 * found) / have.length;
  const share = found / wanted.length;
  return share >= 0.5 ? share * 0.7 : 0;
};

/** The share of `a`'s words that `b` has (0…1): "Pay by card" has half its words in "Add a payment method". */
export const overlap = (a: string, b: string): number => {
  const wanted = [...new Set(wordsOf(a))];
  const have = new Set(wordsOf(b));
  return wanted.length === 0 ? 0 : wanted.filter((word) => have.has(word)).length / wanted.length;
};

/** A node or frame id from a title: `Order review` → `order_review` (ids allow letters, digits, `_` and `-`). */
export const idFromTitle = (title: string): string => {
  const base = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/g, '');
  return base === '' ? 'step' : /^[0-9]/.test(base) ? `n_${base}` : base;
};

/** The first letter in upper case, the rest as written. */
export const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A title from a phrase: trimmed of quotes and end punctuation, capitalised, at most 100 characters. */
export const titleFrom = (phrase: string): string =>
  capitalized(
    phrase
      .trim()
      .replace(/^["'“”‘’]+|["'“”‘’.!?,;:]+$/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  ).slice(0, 100);

/** A quoted title, as steps and messages show it. */
export const quoted = (title: string): string => `“${title}”`;
