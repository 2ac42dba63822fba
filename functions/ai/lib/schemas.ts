import { z } from '@hono/zod-openapi';
import {
  aiOperations,
  aiQualities,
  jobStatuses,
  jobSteps,
  proposalStates,
  type AiJob,
  type JobView,
  type Proposal,
  type ProposalState,
} from '../../../shared/ai/index.ts';
import { flowItemIdSchema, flowOperationSchema, lintSeverities } from '../../../shared/flows/index.ts';
import { idSchema } from '../../../shared/kernel/index.ts';

export const flowParams = z.object({ flowId: idSchema('flw') });
export const proposalParams = flowParams.extend({ proposalId: idSchema('prp') });
export const jobParams = z.object({ jobId: idSchema('job') });

export const qualitySchema = z
  .enum(aiQualities)
  .default('standard')
  .openapi({ description: '`pro`: the better models at twice the credits (pro and enterprise plans)' });
export const focusSchema = z
  .array(flowItemIdSchema)
  .max(100)
  .default([])
  .openapi({ description: 'The nodes the user selected: the agents see them in full and edit them by default' });

export const acceptedSchema = z
  .object({
    jobId: z.string(),
    operation: z.enum(aiOperations),
    credits: z.number().int().openapi({ description: 'Reserved now; charged only when the job delivers' }),
  })
  .openapi('AiJobAccepted');

export const toAccepted = (job: AiJob) => ({ jobId: job.id, operation: job.operation, credits: job.credits });

const issueSchema = z.object({
  rule: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  ids: z.array(z.string()),
});
const findingSchema = z.object({
  rule: z.string().nullable(),
  severity: z.enum(lintSeverities),
  nodeIds: z.array(z.string()),
  message: z.string(),
  fix: z.array(flowOperationSchema).optional(),
});

const resultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('answer'),
    answer: z.string(),
    clarifying: z.boolean().openapi({ description: 'A question back: the request was ambiguous (billed as ai.chat)' }),
    citations: z.array(
      z.object({ citation: z.number().int(), title: z.string(), documentId: z.string(), chunkId: z.string(), excerpt: z.string() }),
    ),
  }),
  z.object({ kind: z.literal('proposal'), proposalId: z.string() }),
  z.object({ kind: z.literal('review'), summary: z.string(), findings: z.array(findingSchema) }),
]);

export const jobSchema = z
  .object({
    id: z.string(),
    flowId: z.string(),
    operation: z.enum(aiOperations),
    quality: z.enum(aiQualities),
    credits: z.number().int(),
    status: z.enum(jobStatuses),
    steps: z.array(z.object({ seq: z.number().int(), step: z.enum(jobSteps), at: z.string(), detail: z.record(z.string(), z.unknown()) })),
    operations: z
      .array(
        z.object({
          seq: z.number().int(),
          round: z.number().int().openapi({ description: '0 for the first build, then each repair round' }),
          id: z.string(),
          operation: flowOperationSchema,
          rationale: z.string(),
          at: z.string(),
        }),
      )
      .openapi({
        description:
          'The architect’s operations as they were produced (after `after`); one with a round and id seen before replaces it. The proposal holds what validated.',
      }),
    lastSeq: z.number().int().openapi({ description: 'Pass as `after` to get only later steps and operations' }),
    result: resultSchema.nullable(),
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('AiJob');

export const toJobBody = (job: AiJob, view: JobView): z.infer<typeof jobSchema> => ({
  id: job.id,
  flowId: job.flowId,
  operation: job.operation,
  quality: job.quality,
  credits: job.credits,
  status: view.status,
  steps: view.steps.map((step) => ({ ...step, at: step.at.toISOString() })),
  operations: view.operations.map((operation) => ({ ...operation, at: operation.at.toISOString() })),
  lastSeq: view.lastSeq,
  result: view.result,
  error: view.error,
  createdAt: job.createdAt.toISOString(),
  finishedAt: view.finishedAt?.toISOString() ?? null,
});

export const proposalSchema = z
  .object({
    id: z.string(),
    flowId: z.string(),
    jobId: z.string(),
    messageId: z.string(),
    state: z.enum(proposalStates),
    baseVersion: z.number().int().openapi({ description: 'The flow version the operations were validated against' }),
    steps: z.array(z.string()).openapi({ description: 'The plan, in order' }),
    operations: z.array(z.object({ id: z.string(), operation: flowOperationSchema, rationale: z.string() })),
    warnings: z
      .array(issueSchema)
      .openapi({ description: 'The flow rules’ warnings of the preview (the flow with every operation applied)' }),
    lint: z.array(findingSchema.omit({ rule: true }).extend({ rule: z.string() })).openapi({ description: 'The UX lint of the preview' }),
    model: z.string(),
    promptId: z.string(),
    revises: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi('AiProposal');

export const toProposalBody = (proposal: Proposal, state: ProposalState): z.infer<typeof proposalSchema> => ({
  id: proposal.id,
  flowId: proposal.flowId,
  jobId: proposal.jobId,
  messageId: proposal.messageId,
  state,
  baseVersion: proposal.baseVersion,
  steps: proposal.steps,
  operations: proposal.operations,
  warnings: proposal.warnings,
  lint: proposal.lint,
  model: proposal.model,
  promptId: proposal.promptId,
  revises: proposal.revises,
  createdAt: proposal.createdAt.toISOString(),
  expiresAt: proposal.expiresAt.toISOString(),
});

/**
 * `Idempotency-Key` on the requests that start AI work: a retry with the same key and request is
 * answered with the first 202 (same job, nothing charged again); the same key with another request
 * is `409 IDEMPOTENCY_KEY_REUSED`. Visible ASCII, 1–255 characters (a UUID is typical); anything else is 400.
 */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')
    .optional()
    .openapi({
      description:
        'Makes a retry safe: the same key with the same request answers the first 202 again (same job, charged once); with another request, 409 IDEMPOTENCY_KEY_REUSED. Kept as long as the job (the conversation’s retention).',
      example: '5f0c6d3e-2b8a-4a57-9a0e-0e6f3f1f2a9b',
    }),
});
