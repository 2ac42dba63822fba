/**
 * The AI SDK pieces a model attempt uses, in a module of their own so that `model-attempt.ts` can
 * import them on first use and a bundle still holds only these exports of the SDK (a dynamic
 * import of `ai` itself keeps all of it: docs/platform.md, "Bundles and cold starts").
 */
export {
  APICallError,
  JSONParseError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  Output,
  TypeValidationError,
  generateText,
  streamText,
} from 'ai';
