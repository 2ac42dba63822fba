/**
 * A prompt: instructions kept as a versioned file (`<id>.v<version>.ts`). A changed prompt is a new
 * file with the next version, never an edit of a released one, so the `promptId` an answer records
 * (blame, proposals) always names the exact text that produced it.
 */
export interface Prompt {
  id: string;
  version: number;
  system: string;
}

export const definePrompt = /* @__NO_SIDE_EFFECTS__ */ (prompt: Prompt): Prompt => prompt;

/** `knowledge-answer@v1`: what answers record. */
export const promptIdOf = (prompt: Prompt): string => `${prompt.id}@v${prompt.version}`;

/** Text placed between tags in a prompt cannot close them: a passage that writes `</passage>` stays inside. */
export const fenced = (tag: string, text: string): string =>
  text.replaceAll(new RegExp(`</?${tag}\\b[^>]*>`, 'gi'), (found) => found.replaceAll('<', '‹').replaceAll('>', '›'));
