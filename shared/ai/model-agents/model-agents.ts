import { z } from 'zod';
import type { AgentContext, Agents, ModelUsage, ReviewFinding } from '../agents.ts';
import { aiErrors } from '../errors.ts';
import type { LanguageModels, ModelAgent, ModelCallAttribution, ModelImage } from '../language-models.ts';
import {
  buildOperationsV1,
  classifyIntentV1,
  flowAnswerV1,
  groundedAnswer,
  planStepsV1,
  promptIdOf,
  readSketchV1,
  reviewFlowV1,
  type Prompt,
} from '../prompts/index.ts';
import { block, contextBlocks } from './agent-input.ts';
import { operationStream } from './operation-stream.ts';
import { sketchOutputSchema, sketchReading } from './read-sketch.ts';
import { operationsOutputSchema, parseOperation, parseOperationsOutput, type OperationsOutput } from './operations-output.ts';

const classifySchema = z.object({ intent: z.enum(['ai.chat', 'ai.plan', 'ai.generate', 'ai.refine', 'ai.review']), reason: z.string() });
const answerSchema = z.object({ answer: z.string().nullable(), clarifyingQuestion: z.string().nullable() });
const planSchema = z.object({ steps: z.array(z.string()), clarifyingQuestion: z.string().nullable() });
const reviewSchema = z.object({
  summary: z.string(),
  findings: z.array(
    z.object({
      nodeIds: z.array(z.string()),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      fix: z.string().nullable(),
    }),
  ),
});

/** Upper bounds of each answer, in tokens: small for a label, large for a journey's operations. */
const maxTokens = { classifier: 200, answerer: 800, planner: 1500, architect: 8000, reviewer: 3000, reader: 3000 } as const;

const provenance = (prompt: Prompt, usage: ModelUsage[]) => {
  const last = usage.at(-1);
  return { model: last ? `${last.provider}:${last.model}` : 'none', promptId: promptIdOf(prompt), usage };
};

const present = (text: string | null | undefined): string | undefined => (text && text.trim() !== '' ? text.trim() : undefined);

/**
 * The agents on language models (docs/ai.md): each method one structured call (the architect at
 * most two) with a versioned prompt, the flow compactly, the focus in full, the screened passages
 * and the message, all fenced. Built per job, since every call is billed to the job's workspace.
 * Errors: AI_UNAVAILABLE (`unavailable`), AI_OUTPUT_INVALID (`invalid`).
 */
export const createModelAgents = (models: LanguageModels, attribution: ModelCallAttribution): Agents => {
  const ask = async <T>(
    agent: Exclude<ModelAgent, 'knowledge'>,
    prompt: Prompt,
    context: AgentContext,
    extra: readonly string[],
    schema: z.ZodType<T>,
    schemaName: string,
    more: { images?: readonly ModelImage[]; onPartial?: (partial: unknown) => void } = {},
  ) =>
    models.object({
      ...more,
      agent,
      quality: context.quality,
      system: prompt.system,
      prompt: [...extra, ...contextBlocks(context)].join('\n\n'),
      schema,
      schemaName,
      attribution,
      maxOutputTokens: maxTokens[agent],
      ...(context.signal ? { signal: context.signal } : {}),
    });

  // Streamed when the caller listens for operations as they are produced.
  const architect = async (context: Parameters<Agents['build']>[0], extra: readonly string[]) =>
    ask(
      'architect',
      buildOperationsV1,
      context,
      extra,
      operationsOutputSchema,
      'operations',
      context.onOperation ? { onPartial: operationStream(context.onOperation).onPartial } : {},
    );

  return {
    classify: async (context) => {
      const { object, usage } = await ask('classifier', classifyIntentV1, context, [], classifySchema, 'intent');
      return { ...provenance(classifyIntentV1, [usage]), intent: object.intent, reason: object.reason.trim() };
    },

    answer: async (context) => {
      const { object, usage } = await ask('answerer', flowAnswerV1, context, [], answerSchema, 'answer');
      const question = present(object.clarifyingQuestion);
      const answer = question ? null : groundedAnswer(object.answer ?? '', context.passages.length, { requireCitation: false });
      return { ...provenance(flowAnswerV1, [usage]), answer, ...(question ? { clarifyingQuestion: question } : {}) };
    },

    plan: async (context) => {
      const extra = [`mode: ${context.mode}`];
      if (context.previous) extra.push(block('previous', JSON.stringify(context.previous)));
      const { object, usage } = await ask('planner', planStepsV1, context, extra, planSchema, 'plan');
      const question = present(object.clarifyingQuestion);
      const steps = object.steps.map((step) => step.trim().replace(/^\d+[.)]\s*/, '')).filter(Boolean);
      if (!question && steps.length === 0) throw aiErrors.invalidOutput('plan', usage.provider, usage.model);
      return { ...provenance(planStepsV1, [usage]), steps: question ? [] : steps, ...(question ? { clarifyingQuestion: question } : {}) };
    },

    build: async (context) => {
      const plan = block('plan', context.steps.map((step, index) => `${index + 1}. ${step}`).join('\n'));
      const repair = context.attempt
        ? [block('previous', JSON.stringify(context.attempt.operations)), block('errors', JSON.stringify(context.attempt.errors))]
        : [];
      const first = await architect(context, [plan, ...repair]);
      let parsed = parseOperationsOutput(first.object);
      const usage = [first.usage];
      if (parsed.errors.length > 0) {
        // Operations that do not parse go back once, named, as in a repair round; the runner's own rounds stay for the flow rules.
        const previous = first.object.operations.map((item: OperationsOutput['operations'][number], index) => ({
          id: `op${index + 1}`,
          ...item,
        }));
        const second = await architect(context, [
          plan,
          block('previous', JSON.stringify(previous)),
          block('errors', JSON.stringify(parsed.errors)),
        ]);
        usage.push(second.usage);
        parsed = parseOperationsOutput(second.object);
        if (parsed.errors.length > 0)
          throw aiErrors.invalidOutput('operations', second.usage.provider, second.usage.model, undefined, parsed.errors);
      }
      return { ...provenance(buildOperationsV1, usage), operations: parsed.operations };
    },

    review: async (context) => {
      const { object, usage } = await ask(
        'reviewer',
        reviewFlowV1,
        context,
        [block('lint', JSON.stringify(context.lint))],
        reviewSchema,
        'review',
      );
      const known = new Set(context.flow.nodes.map((node) => node.id));
      const findings = object.findings
        .map((finding): ReviewFinding => {
          const fix = fixOf(finding.fix);
          return {
            nodeIds: finding.nodeIds.filter((id) => known.has(id)),
            severity: finding.severity,
            message: groundedAnswer(finding.message, context.passages.length, { requireCitation: false }) ?? '',
            ...(fix ? { fix } : {}),
          };
        })
        .filter((finding) => finding.message !== '');
      return { ...provenance(reviewFlowV1, [usage]), findings, summary: object.summary.trim() };
    },

    readImage: async (context) => {
      const { object, usage } = await ask('reader', readSketchV1, context, [], sketchOutputSchema, 'sketch', {
        images: [context.image],
      });
      return { ...provenance(readSketchV1, [usage]), ...sketchReading(object) };
    },
  };
};

/** A finding's fix, when all of it parses as proposable operations; otherwise none (the finding stays). */
const fixOf = (text: string | null): ReviewFinding['fix'] => {
  if (!text) return undefined;
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const parsed = items.map((item) => parseOperation(JSON.stringify(item), null));
  return parsed.every((result) => 'operation' in result) ? parsed.map((result) => (result as { operation: never }).operation) : undefined;
};
