/**
 * Text placed between tags in a prompt cannot close them: a passage that writes `</passage>` stays
 * inside. `tags` is one tag name or several separated by `|`.
 */
export const fenced = (tags: string, text: string): string =>
  text.replaceAll(new RegExp(`</?(?:${tags})\\b[^>]*>`, 'gi'), (found) => found.replaceAll('<', '‹').replaceAll('>', '›'));

/** Every tag the prompts wrap material in: text inside any of them can close none of them. */
export const promptTags = 'flow|focus|passages|passage|message|question|plan|previous|errors|lint';

/** Numbered passages between `<passage n="…">` tags, each fenced; cited as `[n]`. */
export const passagesBlock = (passages: readonly { citation: number; title: string; text: string }[]): string =>
  passages
    .map(
      ({ citation, title, text }) =>
        `<passage n="${citation}" title="${fenced(promptTags, title).replaceAll('"', '″')}">\n${fenced(promptTags, text)}\n</passage>`,
    )
    .join('\n\n');

/**
 * Keeps a model's answer only if it is grounded: citations of passages that do not exist are
 * removed, and an answer left with none (or the model's NO_ANSWER) is no answer.
 */
export const groundedAnswer = (text: string, passageCount: number, { requireCitation = true } = {}): string | null => {
  const trimmed = text.trim();
  if (trimmed === '' || /\bNO_ANSWER\b/.test(trimmed)) return null;
  let cited = 0;
  const kept = trimmed
    .replace(/\s*\[(\d{1,3})\]/g, (found, n: string) => {
      const valid = Number(n) >= 1 && Number(n) <= passageCount;
      if (valid) cited += 1;
      return valid ? found : '';
    })
    .trim();
  return cited > 0 || (!requireCitation && kept !== '') ? kept : null;
};
