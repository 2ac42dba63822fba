import type { FlowVersion } from '../flows/index.ts';
import type { AgentContext, OperationError, PlanResult, ProposedOperation } from './agents.ts';
import type { AgentCalls } from './agent-calls.ts';
import { jobFailures } from './job-failure.ts';
import { proposalTtlMs, takeSlot } from './proposal-state.ts';
import type { AiJob, JobResult, Proposal } from './records.ts';
import type { JobPorts } from './runner-ports.ts';
import type { StepWriter } from './step-writer.ts';
import { validateProposal, type Validation } from './validator.ts';

/** Repair rounds after the first build: the product allows two. */
export const maxRepairs = 2;

/** Operation ids the client can select by: unique, `op1`, `op2`… when the agent's are missing or repeated. */
const numbered = (operations: readonly ProposedOperation[]): ProposedOperation[] => {
  const ids = operations.map((proposed) => proposed.id);
  const unique = ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 100) && new Set(ids).size === ids.length;
  return unique ? [...operations] : operations.map((proposed, index) => ({ ...proposed, id: `op${index + 1}` }));
};

/** Records a round's operations in the step log as they are produced; one told again unchanged is not recorded twice. */
const operationTeller = (steps: StepWriter, round: number) => {
  const told = new Map<string, string>();
  return (proposed: ProposedOperation) => {
    const key = JSON.stringify([proposed.operation, proposed.rationale]);
    if (told.get(proposed.id) === key) return;
    told.set(proposed.id, key);
    steps.operation(round, proposed);
  };
};

const summaryOf = (errors: readonly OperationError[]) =>
  errors.slice(0, 20).map(({ operationId, rule, nodeIds }) => ({ operationId, rule, nodeIds }));

/**
 * Plans, builds and validates a proposal: planner → architect → validator, then at most two repair
 * rounds that hand the architect its own operations and each one's errors. A plan that asks back
 * is delivered as a clarifying question. The proposal is stored (taking the user's next slot on
 * the flow, which supersedes the previous one) only once it validated.
 * @throws PROPOSAL_INVALID when the last round still has errors; the agents' errors (agent-calls.ts).
 */
export const buildProposal = async (
  ports: JobPorts,
  job: AiJob,
  work: {
    version: FlowVersion;
    context: AgentContext;
    previous: Proposal | null;
    calls: AgentCalls;
    steps: StepWriter;
    /** The plan when it comes from elsewhere (an image's screens): the planner is not asked. */
    plan?: PlanResult;
    mode?: 'edit' | 'generate';
  },
): Promise<JobResult> => {
  const { version, context, previous, calls, steps } = work;
  const mode = work.mode ?? (job.operation === 'ai.generate' ? 'generate' : 'edit');
  const plan: PlanResult =
    work.plan ??
    (await calls.call((signal) =>
      ports.agents.plan({
        ...context,
        signal,
        mode,
        ...(previous ? { previous: { steps: previous.steps, operations: previous.operations, feedback: context.message } } : {}),
      }),
    ));
  if (plan.clarifyingQuestion !== undefined) {
    await steps.step('planning', { clarifying: true });
    return { kind: 'answer', answer: plan.clarifyingQuestion, citations: [], clarifying: true };
  }
  await steps.step('planning', { steps: plan.steps });
  const { limits } = await ports.flows.plans.limitsOf(job.workspaceId);
  let attempt: { operations: ProposedOperation[]; errors: OperationError[] } | undefined;
  let validation: Validation | undefined;
  let provenance = { model: plan.model, promptId: plan.promptId };
  for (let round = 0; round <= maxRepairs; round++) {
    await (attempt ? steps.step('repairing', { round, errors: summaryOf(attempt.errors) }) : steps.step('building'));
    const tell = operationTeller(steps, round);
    const built = await calls.call((signal) =>
      ports.agents.build({ ...context, signal, steps: plan.steps, onOperation: tell, ...(attempt ? { attempt } : {}) }),
    );
    provenance = { model: built.model, promptId: built.promptId };
    const operations = numbered(built.operations);
    // What the architect did not stream (an offline planner produces all at once) is told now, one by one.
    operations.forEach(tell);
    validation = validateProposal({
      base: version.document,
      operations,
      flowId: job.flowId,
      limits,
      mode,
      texts: [context.message, ...plan.steps],
      focusNodeIds: context.focusNodeIds,
      place: ports.place,
      context: { newId: ports.newId, now: ports.clock.now },
    });
    await steps.step('validating', {
      round,
      operations: operations.length,
      errors: summaryOf(validation.errors),
      lint: validation.lint.length,
    });
    if (validation.errors.length === 0 && validation.operations.length > 0) break;
    const errors: OperationError[] =
      validation.errors.length > 0
        ? validation.errors
        : [{ operationId: null, rule: 'NO_OPERATIONS', message: 'The plan needs operations.', nodeIds: [] }];
    attempt = { operations, errors };
  }
  if (!validation || validation.errors.length > 0) throw jobFailures.proposalInvalid(summaryOf(validation?.errors ?? []));
  if (validation.operations.length === 0) throw jobFailures.invalidOutput('the proposal has no operations');
  const now = ports.clock.now();
  const proposal: Proposal = {
    id: ports.newId('prp'),
    jobId: job.id,
    workspaceId: job.workspaceId,
    flowId: job.flowId,
    userId: job.userId,
    messageId: job.messageId,
    baseVersion: version.versionNumber,
    steps: plan.steps,
    operations: validation.operations,
    warnings: validation.warnings,
    lint: validation.lint,
    model: provenance.model,
    promptId: provenance.promptId,
    revises: previous?.id ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + proposalTtlMs),
  };
  // The proposal before its slot: the slot makes it the open one, so it must be readable by then.
  await ports.proposals.insert(proposal);
  await takeSlot(ports, proposal);
  return { kind: 'proposal', proposalId: proposal.id };
};
