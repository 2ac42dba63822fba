import { createFlowReadService, type FlowCaller } from '../flows/index.ts';
import { requirePermission } from './job-admission.ts';
import { jobViewOf, type JobStatus } from './job-status.ts';
import type { AiPorts } from './ports.ts';
import { proposalStateOf, type ProposalState } from './proposal-state.ts';
import type { AiJob, AiMessage, JobError, JobResult } from './records.ts';

export interface ConversationEntry {
  message: AiMessage;
  job: {
    id: string;
    operation: AiJob['operation'];
    credits: number;
    status: JobStatus;
    result: JobResult | null;
    error: JobError | null;
  } | null;
  proposal: { id: string; state: ProposalState; expiresAt: Date } | null;
}

/**
 * A user's conversation with the AI about one flow: their messages newest first, each with its
 * job's state and the proposal it made. Only the caller's own messages: what a member asks the AI
 * is theirs (it may be personal data).
 */
export const createConversationService = (ports: AiPorts) => ({
  /** @throws FLOW_NOT_FOUND (404). */
  list: async (
    caller: FlowCaller,
    flowId: string,
    page: { after: { createdAt: Date; id: string } | null; limit: number },
  ): Promise<ConversationEntry[]> => {
    const { version } = await createFlowReadService(ports.flows).get(caller, flowId);
    await requirePermission(caller, version.workspaceId, 'ai:use');
    const messages = await ports.messages.list(flowId, caller.userId, page);
    const jobIds = messages.map((message) => message.jobId);
    const [jobs, proposals] = await Promise.all([ports.jobs.findMany(jobIds), ports.proposals.findByJobs(jobIds)]);
    const now = ports.clock.now();
    const views = new Map(
      await Promise.all(jobs.map(async (job) => [job.id, { job, view: jobViewOf(job, await ports.log.after(job.id, -1), now) }] as const)),
    );
    const states = new Map(
      await Promise.all(
        proposals.map(async (proposal) => [proposal.jobId, { proposal, ...(await proposalStateOf(ports, proposal, now)) }] as const),
      ),
    );
    return messages.map((message) => {
      const found = views.get(message.jobId);
      const made = states.get(message.jobId);
      return {
        message,
        job: found
          ? {
              id: found.job.id,
              operation: found.job.operation,
              credits: found.job.credits,
              status: found.view.status,
              result: found.view.result,
              error: found.view.error,
            }
          : null,
        proposal: made ? { id: made.proposal.id, state: made.state, expiresAt: made.proposal.expiresAt } : null,
      };
    });
  },
});
