/** The OpenAI provider's factory alone, imported on first use (see `generation-sdk.ts`). */
export { createOpenAI } from '@ai-sdk/openai';
