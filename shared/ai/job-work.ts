import { createFlowReadService, lintFlow, type FlowCaller, type FlowVersion } from '../flows/index.ts';
import type { AgentContext, Passage, ReviewFinding } from './agents.ts';
import type { AgentCalls } from './agent-calls.ts';
import { jobFailures } from './job-failure.ts';
import { readSketch } from './image-job.ts';
import { buildProposal } from './proposal-builder.ts';
import type { AiJob, AnswerCitation, JobResult } from './records.ts';
import type { JobPorts } from './runner-ports.ts';
import type { StepWriter } from './step-writer.ts';

/** The job's user, for reading the flow: the request checked their permission when it accepted the job. */
const callerOf = (job: AiJob): FlowCaller => ({
  userId: job.userId,
  access: async (workspaceId) => (workspaceId === job.workspaceId ? 'granted' : 'not_member'),
});

const excerptOf = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text);

/** The passages an answer cites as `[n]`. */
const citationsOf = (answer: string, passages: readonly Passage[]): AnswerCitation[] =>
  passages.flatMap((passage, index) =>
    answer.includes(`[${index + 1}]`)
      ? [
          {
            citation: index + 1,
            title: passage.title,
            documentId: passage.documentId,
            chunkId: passage.chunkId,
            excerpt: excerptOf(passage.text),
          },
        ]
      : [],
  );

const answerQuestion = async (ports: JobPorts, context: AgentContext, calls: AgentCalls): Promise<JobResult> => {
  const written = await calls.call((signal) => ports.agents.answer({ ...context, signal }));
  if (written.clarifyingQuestion !== undefined)
    return { kind: 'answer', answer: written.clarifyingQuestion, citations: [], clarifying: true };
  if (written.answer === null) throw jobFailures.noAnswer();
  return { kind: 'answer', answer: written.answer, citations: citationsOf(written.answer, context.passages), clarifying: false };
};

const findingKey = (finding: ReviewFinding) => `${finding.severity}|${[...finding.nodeIds].sort().join(',')}|${finding.message}`;

const review = async (ports: JobPorts, version: FlowVersion, context: AgentContext, calls: AgentCalls, steps: StepWriter) => {
  const lint = lintFlow(version.document);
  await steps.step('validating', { lint: lint.length });
  const lintFindings = lint.map(({ rule, severity, nodeIds, message, fix }) => ({
    rule,
    severity,
    nodeIds,
    message,
    ...(fix ? { fix } : {}),
  }));
  const commentary = await calls.call((signal) => ports.agents.review({ ...context, signal, lint: lintFindings }));
  const seen = new Set(lintFindings.map(findingKey));
  const added = commentary.findings.filter((finding) => !seen.has(findingKey(finding))).map((finding) => ({ ...finding, rule: null }));
  return { kind: 'review' as const, summary: commentary.summary, findings: [...lintFindings, ...added] };
};

/**
 * One job's work after its claim: the flow and the message, retrieval, then by operation an answer,
 * a review, or a proposal (from a plan, or from the screens of an image). Every step is appended to the log as it starts.
 * @throws the job's failure (job-failure.ts), or what the stores throw.
 */
export const doJob = async (ports: JobPorts, job: AiJob, calls: AgentCalls, steps: StepWriter): Promise<JobResult> => {
  const [{ version }, message] = await Promise.all([
    createFlowReadService(ports.flows).get(callerOf(job), job.flowId),
    ports.messages.find(job.messageId),
  ]);
  if (!message) throw new Error(`job ${job.id}: message ${job.messageId} is missing`);
  if (message.text === null) throw jobFailures.messageUnavailable();
  const text = message.text;
  await steps.step('classifying', { operation: job.operation, by: job.intentSource });
  const previous = job.proposalId === null ? null : await ports.proposals.find(job.proposalId);
  if (job.proposalId !== null && !previous) throw jobFailures.proposalGone();
  const question = [text, version.document.metadata.flowName].filter((text) => text.trim().length > 0).join('\n');
  const passages = await ports.retrieval.passages(job.workspaceId, question);
  await steps.step('retrieving', { passages: passages.length });
  const context: AgentContext = {
    message: text,
    messageId: message.id,
    flow: version.document,
    focusNodeIds: message.focusNodeIds,
    passages,
    quality: job.quality,
  };
  if (job.operation === 'ai.chat') return answerQuestion(ports, context, calls);
  if (job.operation === 'ai.review') return review(ports, version, context, calls, steps);
  if (job.operation === 'ai.image') return readSketch(ports, job, { version, context, calls, steps });
  return buildProposal(ports, job, { version, context, previous, calls, steps });
};
