import type { AiQuality } from './agents.ts';
import type { LanguageModels } from './language-models.ts';
import { fenced, groundedAnswer, passagesBlock, promptTags } from './prompts/grounding.ts';
import { knowledgeAnswerV1 } from './prompts/knowledge-answer.v1.ts';
import { promptIdOf } from './prompts/prompt.ts';
import type { AnswerWriter } from '../knowledge/index.ts';

/** The prompt the generated answers come from (recorded with them in the call log's agent `knowledge`). */
export const knowledgeAnswerPromptId = promptIdOf(knowledgeAnswerV1);

/** Long enough for five cited sentences. */
const maxOutputTokens = 600;

/**
 * The question and the numbered passages as the model sees them. Passages were screened for prompt
 * injection by retrieval (flagged ones left out); here they are also fenced, so no passage can
 * close its tag and speak outside it.
 */
export const answerPromptOf = (question: string, passages: Parameters<AnswerWriter['write']>[1]): string =>
  `${passagesBlock(passages)}\n\n<question>\n${fenced(promptTags, question)}\n</question>`;

/**
 * Answers written by a language model (the `knowledge` agent of the model map) from the numbered
 * passages only, each claim cited `[n]`. Provider trouble surfaces as AI_UNAVAILABLE (503, Retry-After),
 * which releases the credits reserved for the answer.
 */
export const createModelWriter = (
  models: LanguageModels,
  context: { workspaceId: string; quality?: AiQuality; signal?: AbortSignal },
): AnswerWriter => ({
  mode: 'generated',
  write: async (question, passages) => {
    const { text } = await models.text({
      agent: 'knowledge',
      quality: context.quality ?? 'standard',
      system: knowledgeAnswerV1.system,
      prompt: answerPromptOf(question, passages),
      attribution: { workspaceId: context.workspaceId },
      maxOutputTokens,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    return groundedAnswer(text, passages.length);
  },
});
