import { languageModels } from '../../../shared/infra/ai/language-models-resource.ts';
import { createModelWriter } from '../../../shared/ai/index.ts';
import { extractiveWriter, type AnswerWriter } from '../../../shared/knowledge/index.ts';
import type { Use } from '../../../shared/platform/resource.ts';

/** How long a model may take to answer, retries and fallback included (the query function times out at 60 s). */
export const answerBudgetMs = 45_000;

/**
 * A language model's answer when one is configured for the `knowledge` agent (docs/knowledge.md,
 * "Answers"), else the extractive one. The response's `answerMode` says which wrote it.
 */
export const answerWriterFor = (use: Use, workspaceId: string): AnswerWriter => {
  const models = use(languageModels);
  return models.isConfigured('knowledge', 'standard')
    ? createModelWriter(models, { workspaceId, signal: AbortSignal.timeout(answerBudgetMs) })
    : extractiveWriter;
};
