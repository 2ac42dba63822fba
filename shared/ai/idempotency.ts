import { contentHash, derivedId, isDomainError } from '../kernel/index.ts';
import type { Requester } from './job-admission.ts';
import type { AiPorts } from './ports.ts';
import type { AiJob } from './records.ts';
import { aiRequestErrors } from './request-errors.ts';

/**
 * A request sent with an `Idempotency-Key`: its job's id, derived from (actor, route, key), and the
 * hash of what it asked for. Everything the request makes is named after the job id (the credits'
 * reservation, its message, for `ai/flows` the new flow), so a retry finds what its first attempt made.
 */
export interface KeyedRequest {
  jobId: string;
  requestHash: string;
}

/** The routes that accept a key; part of the derivation, so one key on two routes names two jobs. */
export type KeyedRoute = 'ai.messages' | 'ai.flows' | 'ai.review' | 'ai.refine';

/** Null without a key. `request` is what was asked: the route's parameters and its validated body. */
export const keyedRequest = async (
  who: Requester,
  route: KeyedRoute,
  key: string | undefined,
  request: unknown,
): Promise<KeyedRequest | null> =>
  key === undefined
    ? null
    : { jobId: await derivedId('job', ['ai-job', who.actor, route, key]), requestHash: await contentHash({ route, request }) };

/** The first attempt's job answered again, or 409 when the key came with something else. */
export const replayOf = (job: AiJob, keyed: KeyedRequest): AiJob => {
  if (job.requestHash !== keyed.requestHash) throw aiRequestErrors.idempotencyKeyReused();
  return job;
};

// How long an attempt that lost the key's reservation to a racing twin waits for the twin's job.
const twinWaitMs = 5000;
const twinPollMs = 100;

/**
 * Runs `admit` once per key: a key whose job exists is answered with it (nothing classified,
 * reserved or stored); otherwise `admit` runs, and the job insert decides between racing attempts
 * (`recordJob`). A twin classified differently (a model classifier need not agree with itself) is
 * refused by the ledger for reusing the reservation key: the winner's job then answers.
 */
export const admitOnce = async (
  ports: Pick<AiPorts, 'jobs' | 'sleep'>,
  keyed: KeyedRequest | null,
  admit: () => Promise<AiJob>,
): Promise<AiJob> => {
  if (!keyed) return admit();
  const first = await ports.jobs.find(keyed.jobId);
  if (first) return replayOf(first, keyed);
  try {
    return await admit();
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'IDEMPOTENCY_KEY_REUSED') throw error;
    for (let waited = 0; waited < twinWaitMs; waited += twinPollMs) {
      const twin = await ports.jobs.find(keyed.jobId);
      if (twin) return replayOf(twin, keyed);
      await ports.sleep(twinPollMs);
    }
    throw aiRequestErrors.idempotencyKeyReused();
  }
};

/** Where `ai/flows` creates its flow under a key: named after the job, so a retry finds it. */
export const keyedFlowId = (keyed: KeyedRequest): Promise<string> => derivedId('flw', ['ai-flow', keyed.jobId]);

/** A keyed request's message id: per job and request hash, so a twin with another body never overwrites it. */
export const keyedMessageId = (jobId: string, requestHash: string): Promise<string> => derivedId('msg', ['ai-message', jobId, requestHash]);
