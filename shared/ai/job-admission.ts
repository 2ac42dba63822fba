import type { WorkspacePermission } from '../kernel/index.ts';
import { flowServiceErrors, type FlowCaller, type FlowVersion } from '../flows/index.ts';
import { screenText } from '../knowledge/index.ts';
import type { AiOperation, AiQuality } from './agents.ts';
import { aiRequestErrors } from './request-errors.ts';
import type { AiPorts, JobEvents } from './ports.ts';
import type { AiJob, AiMessage, IntentSource, MessageKind } from './records.ts';
import { keyedMessageId, replayOf, type KeyedRequest } from './idempotency.ts';

/** Who asks: the caller as the flow services see them, and the ledger's actor (a user id or `apikey:<id>`). */
export interface Requester {
  caller: FlowCaller;
  actor: string;
}

export type AdmissionPorts = AiPorts & { events: JobEvents };

/** Pro quality is a feature of these plans (docs/product.md). */
const proPlans: readonly string[] = ['pro', 'enterprise'];

/** Throws `notFound()` (FLOW_NOT_FOUND unless given: another tenant's resource is missing) or PERMISSION_DENIED. */
export const requirePermission = async (
  caller: FlowCaller,
  workspaceId: string,
  permission: WorkspacePermission,
  notFound: () => Error = flowServiceErrors.notFound,
): Promise<void> => {
  const decision = await caller.access(workspaceId, permission);
  if (decision === 'not_member') throw notFound();
  if (decision === 'denied') throw flowServiceErrors.denied(permission);
};

/** @throws MESSAGE_FLAGGED (422) when the text reads as instructions to a model. */
export const requireClean = (text: string): void => {
  const verdict = screenText(text);
  if (verdict.flagged) throw aiRequestErrors.messageFlagged(verdict.rules);
};

/** @throws FOCUS_NODES_NOT_FOUND (422) when a focused node is not in the flow. */
export const requireFocus = (version: FlowVersion, focusNodeIds: readonly string[]): void => {
  const known = new Set(version.document.nodes.map((node) => node.id));
  const missing = focusNodeIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw aiRequestErrors.focusNotFound(missing);
};

export interface JobSpec {
  version: FlowVersion;
  operation: AiOperation;
  quality: AiQuality;
  kind: MessageKind;
  text: string;
  focusNodeIds: readonly string[];
  intentSource: IntentSource;
  proposalId: string | null;
}

/** Credits held for a job not yet stored: its id is the reservation's idempotency key. */
export interface HeldCredits {
  jobId: string;
  /** For a keyed request (`idempotency.ts`): the hash of what it asked for; null otherwise. */
  requestHash: string | null;
  workspaceId: string;
  reservationId: string;
  cost: number;
}

/**
 * Reserves a job's credits under a new job id (a keyed request's derived one: a retry gets the
 * first attempt's reservation back, nothing held twice), before anything is stored or created.
 * @throws PRO_QUALITY_NOT_IN_PLAN / INSUFFICIENT_CREDITS (402); LEDGER_BUSY (503).
 */
export const holdCredits = async (
  ports: AdmissionPorts,
  who: Requester,
  workspaceId: string,
  work: { operation: AiOperation; quality: AiQuality },
  keyed: KeyedRequest | null = null,
): Promise<HeldCredits> => {
  const { plan } = await ports.flows.plans.limitsOf(workspaceId);
  const upgradeUrl = ports.upgradeUrl(workspaceId);
  if (work.quality === 'pro' && !proPlans.includes(plan)) throw aiRequestErrors.proQualityNotInPlan({ plan, upgradeUrl });
  const jobId = keyed?.jobId ?? ports.newId('job');
  const reservation = await ports.ledger.reserve({
    workspaceId,
    operation: work.operation,
    idempotencyKey: jobId,
    actor: who.actor,
    multiplier: work.quality === 'pro' ? 2 : 1,
    plan,
    upgradeUrl,
  });
  return { jobId, requestHash: keyed?.requestHash ?? null, workspaceId, reservationId: reservation.reservationId, cost: reservation.cost };
};

/** Gives held credits back (best effort: the reservation cron releases what this cannot). */
export const releaseHeld = async (ports: AdmissionPorts, who: Requester, held: HeldCredits): Promise<void> => {
  await ports.ledger.release(held.workspaceId, held.reservationId, who.actor).catch(() => undefined);
};

/**
 * Stores the message and the job of held credits and publishes `job.requested` (best effort: the
 * outbox cron publishes what the request could not). A failure to store releases the credits —
 * except under a key: the reservation is then shared with the attempts of the same key (a retry
 * finishes with it; the reservation cron releases it if none comes). For a keyed request the job
 * insert is the commit point: a twin that stored the job first answers (`replayOf`).
 */
export const recordJob = async (ports: AdmissionPorts, who: Requester, held: HeldCredits, spec: JobSpec): Promise<AiJob> => {
  const { workspaceId, flowId } = spec.version;
  const now = ports.clock.now();
  const keyed = held.requestHash === null ? null : { jobId: held.jobId, requestHash: held.requestHash };
  const message: AiMessage = {
    id: keyed ? await keyedMessageId(keyed.jobId, keyed.requestHash) : ports.newId('msg'),
    workspaceId,
    flowId,
    userId: who.caller.userId,
    actor: who.actor,
    kind: spec.kind,
    text: spec.text,
    focusNodeIds: [...spec.focusNodeIds],
    jobId: held.jobId,
    createdAt: now,
  };
  const job: AiJob = {
    id: held.jobId,
    workspaceId,
    flowId,
    userId: who.caller.userId,
    actor: who.actor,
    operation: spec.operation,
    quality: spec.quality,
    credits: held.cost,
    reservationId: held.reservationId,
    messageId: message.id,
    intentSource: spec.intentSource,
    proposalId: spec.proposalId,
    baseVersion: spec.version.versionNumber,
    createdAt: now,
    publishedAt: null,
    ...(keyed ? { requestHash: keyed.requestHash } : {}),
  };
  let stored: boolean;
  try {
    // The job last: the outbox only sees jobs whose message is stored. A keyed message may be there
    // already (an earlier attempt, or a twin with the same request: the same message).
    await ports.messages.insert(message);
    stored = await ports.jobs.insert(job);
  } catch (error) {
    if (!keyed) await releaseHeld(ports, who, held);
    throw error;
  }
  if (!stored) {
    const first = await ports.jobs.find(job.id);
    if (!keyed || !first) throw new Error(`job ${job.id} exists but cannot be read`);
    // A twin with another request won: this attempt's message is its own (named by its hash).
    if (first.requestHash !== keyed.requestHash) await ports.messages.remove(message.id);
    return replayOf(first, keyed);
  }
  try {
    await ports.events.publish(job, `${job.id}:accepted`);
    await ports.jobs.markPublished(job.id, ports.clock.now());
  } catch {
    // left for the outbox cron
  }
  return job;
};

/**
 * Accepts a job on an existing flow: credits held under the job id (402 before anything is
 * stored), then the message and the job stored and published.
 */
export const acceptJob = async (ports: AdmissionPorts, who: Requester, spec: JobSpec, keyed: KeyedRequest | null = null): Promise<AiJob> =>
  recordJob(ports, who, await holdCredits(ports, who, spec.version.workspaceId, spec, keyed), spec);
