import { isDomainError } from '../kernel/index.ts';
import type { AgentProvenance, ModelUsage } from './agents.ts';
import { jobFailures } from './job-failure.ts';

/**
 * Calls agents for one job: each call gets an abort signal that fires after `timeoutMs` (or at the
 * job's deadline, whichever comes first) and is abandoned then even if the agent ignores it. An
 * agent's error becomes the job's: `unavailable` → AI_UNAVAILABLE, `invalid` or anything else it
 * throws → AI_INVALID_OUTPUT; a timeout → AI_TIMEOUT. Usage of every answered call is kept.
 */
export const createAgentCalls = (options: { timeoutMs: number; deadline: Date; now: () => Date }) => {
  const usage: ModelUsage[] = [];
  const call = async <T extends AgentProvenance>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const left = options.deadline.getTime() - options.now().getTime();
    if (left <= 0) throw jobFailures.timeout();
    const signal = AbortSignal.timeout(Math.min(options.timeoutMs, left));
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(jobFailures.timeout());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const result = await Promise.race([work(signal), aborted]);
      usage.push(...result.usage);
      return result;
    } catch (error) {
      if (signal.aborted) throw jobFailures.timeout();
      if (isDomainError(error) && error.kind === 'unavailable') throw jobFailures.unavailable(error.detail ?? error.code);
      const detail = isDomainError(error) ? (error.detail ?? error.code) : error instanceof Error ? error.message : String(error);
      throw jobFailures.invalidOutput(detail.slice(0, 300));
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };
  return { call, usage };
};

export type AgentCalls = ReturnType<typeof createAgentCalls>;
