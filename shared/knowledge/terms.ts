// Words too common to tell passages apart (English; other languages are matched by the vectors).
const stopWords = new Set(
  (
    'a an and are as at be been but by can could do does for from had has have how i if in into is it its me my no not of on or ' +
    'our should so than that the their them then there these they this to was we were what when where which who why will with ' +
    'would you your about after before all also any each more most other over same some such only own very just should'
  ).split(' '),
);

/** Lower-case words of a text without stop words (letters and digits of any script). */
export const termsOf = (text: string): string[] =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((term) => term.length > 1 && !stopWords.has(term));

/** A crude stem so that "errors" meets "error" and "labelled" meets "labels". */
export const stem = (term: string): string => term.replace(/(?:ing|ed|es|s)$/u, '') || term;
