import type { Ledger } from '../billing/index.ts';
import type { Traced } from '../kernel/index.ts';
import type { FlowCaller, FlowOperation, FlowsPorts, ProposalVia, WriteResult } from '../flows/index.ts';
import type { AiJob, AiMessage, JobEntry, Proposal, ProposalOutcome, ProposalSlot } from './records.ts';

/** Port: conversation messages (`ai_messages`), immutable. */
export interface MessageStore {
  /** False when the id is taken (a retried request's message, stored by its first attempt). */
  insert: (message: AiMessage) => Promise<boolean>;
  /** Removes a message whose request lost the race for its job (nothing refers to it). */
  remove: (messageId: string) => Promise<void>;
  find: (messageId: string) => Promise<AiMessage | null>;
  /** One user's messages on a flow, newest first, after a cursor (the last item of the previous page). */
  list: (flowId: string, userId: string, page: { after: { createdAt: Date; id: string } | null; limit: number }) => Promise<AiMessage[]>;
}

/** Port: jobs (`ai_jobs`), written once; the outbox mark is the only later write. */
export interface JobStore {
  /** False when the id is taken: for a keyed request, the job of its first attempt (the insert decides races). */
  insert: (job: AiJob) => Promise<boolean>;
  find: (jobId: string) => Promise<AiJob | null>;
  findMany: (jobIds: readonly string[]) => Promise<AiJob[]>;
  /** Removes a job a request could not finish accepting (nothing was published for it). */
  remove: (jobId: string) => Promise<void>;
  /** Outbox: jobs created before `before` whose event has not gone out, oldest first, at most `limit`. */
  unpublished: (before: Date, limit: number) => Promise<Traced<AiJob>[]>;
  markPublished: (jobId: string, at: Date) => Promise<void>;
}

/** Port: the append-only step log (`ai_job_steps`, unique on `(jobId, seq)`). */
export interface JobLog {
  /** Inserts an entry; false when `(jobId, seq)` is taken (for seq 0: the job was claimed already). */
  append: (entry: JobEntry) => Promise<boolean>;
  /** The job's entries numbered above `after`, in order. */
  after: (jobId: string, after: number) => Promise<JobEntry[]>;
}

/** Port: proposals (`ai_proposals`), immutable. */
export interface ProposalStore {
  insert: (proposal: Proposal) => Promise<void>;
  find: (proposalId: string) => Promise<Proposal | null>;
  findByJobs: (jobIds: readonly string[]) => Promise<Proposal[]>;
}

/** Port: the per-(flow, user) sequence of proposals (`ai_proposal_slots`, unique on flow, user and seq). */
export interface ProposalSlots {
  latest: (flowId: string, userId: string) => Promise<ProposalSlot | null>;
  /** False when the seq was taken by another proposal first (take the next). */
  insert: (slot: ProposalSlot) => Promise<boolean>;
  /** The slot a proposal took, or null. */
  ofProposal: (proposalId: string) => Promise<ProposalSlot | null>;
}

/** Port: how proposals were closed (`ai_proposal_outcomes`, unique per proposal). */
export interface ProposalOutcomes {
  /** The insert decides: false when the proposal was closed already (read it with `find`). */
  insert: (outcome: ProposalOutcome) => Promise<boolean>;
  find: (proposalId: string) => Promise<ProposalOutcome | null>;
  /**
   * Takes back this `applied` claim (matched on its version number, so a later claim is never
   * removed): its version was not written and never will be (`apply-claim.ts`).
   */
  release: (claim: ProposalOutcome) => Promise<void>;
}

/** The sketch or screenshot of an `ai.image` job, kept only while the job can run. */
export interface JobImage {
  jobId: string;
  workspaceId: string;
  userId: string;
  mediaType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
  createdAt: Date;
  /** The end of the job's lifetime: no runner reads it later, and the sweep removes it. */
  expiresAt: Date;
}

/** Port: the images of `ai.image` jobs (`ai_job_images`, one per job). */
export interface JobImageStore {
  insert: (image: JobImage) => Promise<void>;
  find: (jobId: string) => Promise<JobImage | null>;
  /** Removes the job's image; nothing to remove is fine. */
  remove: (jobId: string) => Promise<void>;
  /** Removes the images whose job's lifetime ended before `now` (a runner that died, a job never run). @returns how many. */
  removeExpired: (now: Date) => Promise<number>;
}

/** Port: publishes `com.uxflow.ai.job.requested.v1` (the id given makes a re-publication recognisable). */
export interface JobEvents {
  /** A job read from the outbox carries the trace of the request that accepted it; the event continues it. */
  publish: (job: Traced<Pick<AiJob, 'id' | 'workspaceId' | 'flowId'>>, eventId: string) => Promise<void>;
}

/** The edit of the flows engine a proposal is applied through, marked as made via the proposal (blame). */
export type ProposalEdit = (
  caller: FlowCaller,
  flowId: string,
  expectedVersions: readonly number[] | null,
  operations: FlowOperation[],
  options: { via: ProposalVia },
) => Promise<WriteResult>;

/** What the AI services share. */
export interface AiPorts {
  messages: MessageStore;
  jobs: JobStore;
  log: JobLog;
  proposals: ProposalStore;
  slots: ProposalSlots;
  outcomes: ProposalOutcomes;
  images: JobImageStore;
  ledger: Pick<Ledger, 'reserve' | 'commit' | 'release' | 'settlement'>;
  flows: FlowsPorts;
  upgradeUrl: (workspaceId: string) => string;
  clock: { now: () => Date };
  newId: (prefix: string) => string;
  sleep: (ms: number) => Promise<void>;
}
