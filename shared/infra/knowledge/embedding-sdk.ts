/**
 * The AI SDK pieces the embedder uses, in a module of their own so that `ai-embedder.ts` can import
 * them on first use: the bundle then evaluates them only when a first text is embedded, and still
 * holds only these exports of the SDK (importing `ai` itself dynamically would keep all of it).
 */
export { embedMany } from 'ai';
export { createOpenAI } from '@ai-sdk/openai';
