import { screeningRules, type ScreeningRule } from './screening-rules.ts';

/** What screening says about one text. */
export interface ScreeningResult {
  /** 0–1, two decimals: 1 − Π(1 − weight) over the rules that matched. */
  score: number;
  /** Whether `score` reaches the threshold: the text must not reach a model as instructions. */
  flagged: boolean;
  /** The ids of the rules that matched (`encoded-payload` when a decoded payload was flagged). */
  rules: string[];
}

/** A score at or above this flags a text: one strong rule, or two weaker ones together. */
export const flagThreshold = 0.5;

const invisible = /[\u200B-\u200D\u2060-\u2064\uFEFF\u180E\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}]/gu;

/** The copy most rules read: NFKC (folds full-width and styled letters), lower case, no invisibles, one space. */
export const normalise = (text: string): string => text.normalize('NFKC').replace(invisible, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The same copy with its line breaks kept, for rules about what starts a line. */
export const normaliseLines = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(invisible, '')
    .toLowerCase()
    .replace(/[^\S\n]+/g, ' ')
    .trim();

interface Views {
  raw: string;
  normalised: string;
  lines: string;
}

const matches = (rule: ScreeningRule, views: Views): boolean => {
  const text = rule.raw === true ? views.raw : rule.lines === true ? views.lines : views.normalised;
  return rule.patterns.some((pattern) => pattern.test(text));
};

const printable = (text: string): boolean => text.length > 0 && /^[\x20-\x7E\t\n\r\u00A0-\u024F]*$/.test(text) && /[a-z]{3}/i.test(text);

const rot13 = (text: string): string =>
  text.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });

/**
 * Texts hidden inside `text`: base64 and hex runs that decode to readable text, URL-encoded runs,
 * Unicode tag characters (invisible ASCII), and the ROT13 reading when the text talks about ROT13.
 * Each is screened again: an attack does not become harmless by being encoded.
 */
export const hiddenPayloads = (text: string): string[] => {
  const found: string[] = [];
  for (const run of text.match(/[A-Za-z0-9+/_-]{24,}={0,2}/g) ?? []) {
    try {
      const decoded = atob(run.replace(/-/g, '+').replace(/_/g, '/'));
      if (printable(decoded)) found.push(decoded);
    } catch {
      // not base64
    }
  }
  for (const run of text.match(/(?:\b[0-9a-f]{2}[\s:]?){12,}/gi) ?? []) {
    const decoded = String.fromCharCode(...(run.match(/[0-9a-f]{2}/gi) ?? []).map((pair) => parseInt(pair, 16)));
    if (printable(decoded)) found.push(decoded);
  }
  // A run with three escapes or more, however long the words between them (counted per run rather
  // than in one pattern, which would backtrack badly on long runs).
  for (const run of (text.match(/\S+/g) ?? []).filter((token) => (token.match(/%[0-9a-f]{2}/gi) ?? []).length >= 3)) {
    try {
      found.push(decodeURIComponent(run));
    } catch {
      // malformed escapes
    }
  }
  const tags = [...text].filter((c) => (c.codePointAt(0) ?? 0) >= 0xe0000 && (c.codePointAt(0) ?? 0) <= 0xe007f);
  if (tags.length > 0) found.push(tags.map((c) => String.fromCharCode((c.codePointAt(0) ?? 0) - 0xe0000)).join(''));
  if (/rot-?13/i.test(text)) found.push(rot13(text));
  return found;
};

const ruleScore = (weights: readonly number[]): number => 1 - weights.reduce((rest, weight) => rest * (1 - weight), 1);

const matchedRules = (text: string): ScreeningRule[] => {
  const views = { raw: text, normalised: normalise(text), lines: normaliseLines(text) };
  return screeningRules.filter((rule) => matches(rule, views));
};

/**
 * Screens one text (a question or a retrieved chunk) for prompt injection with the documented
 * rule set. Deterministic and cheap (regular expressions over at most a few kilobytes): it runs on
 * every question and every chunk before either can reach a model.
 */
export const screenText = (text: string): ScreeningResult => {
  const rules = matchedRules(text);
  const weights = rules.map((rule) => rule.weight);
  const ids = rules.map((rule) => rule.id);
  const payloadFlagged = hiddenPayloads(text).some((payload) => ruleScore(matchedRules(payload).map((r) => r.weight)) >= flagThreshold);
  if (payloadFlagged) {
    weights.push(0.9);
    ids.push('encoded-payload');
  }
  const score = Math.round(ruleScore(weights) * 100) / 100;
  return { score, flagged: score >= flagThreshold, rules: ids };
};
