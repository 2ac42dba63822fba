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
