import { stem, termsOf } from './terms.ts';

export interface AnswerSource {
  /** 1-based number the answer cites as `[n]`. */
  citation: number;
  text: string;
}

/** Sentences of a passage (a list item or a line counts as one). */
export const sentencesOf = (text: string): string[] =>
  text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((sentence) => sentence.replace(/^[-*•\d.)\s]+/u, '').trim())
    .filter((sentence) => sentence.length >= 20);

/**
 * An answer made of the retrieved text itself, for when no language model is configured: the
 * sentences of the top passages that share the most (stemmed) words with the question, at most
 * `maxSentences`, in passage order, each followed by its citation. Nothing is invented, so every
 * word of it is grounded; `null` when no sentence shares a word with the question.
 */
export const extractiveAnswer = (question: string, sources: readonly AnswerSource[], maxSentences = 3): string | null => {
  const wanted = new Set(termsOf(question).map(stem));
  if (wanted.size === 0) return null;
  const candidates = sources.flatMap((source, sourceIndex) =>
    sentencesOf(source.text).map((sentence, sentenceIndex) => {
      const terms = new Set(termsOf(sentence).map(stem));
      const shared = [...wanted].filter((term) => terms.has(term)).length;
      // Shared words first; earlier passages (better ranked) and earlier sentences break ties.
      return {
        sentence,
        citation: source.citation,
        score: shared - sourceIndex * 0.25 - sentenceIndex * 0.01,
        shared,
        sourceIndex,
        sentenceIndex,
      };
    }),
  );
  const chosen = candidates
    .filter((candidate) => candidate.shared > 0)
    .sort((a, b) => b.score - a.score)
    .filter((candidate, index, all) => all.findIndex((other) => other.sentence === candidate.sentence) === index)
    .slice(0, maxSentences)
    .sort((a, b) => a.sourceIndex - b.sourceIndex || a.sentenceIndex - b.sentenceIndex);
  if (chosen.length === 0) return null;
  return chosen
    .map((candidate) => `${/[.!?…]$/u.test(candidate.sentence) ? candidate.sentence : `${candidate.sentence}.`} [${candidate.citation}]`)
    .join(' ');
};
