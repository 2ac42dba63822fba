import { HTTP, type CloudEvent } from 'cloudevents';
import { backoffDelay, type DeliverySpec } from './triggers.ts';

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  lastStatus: number | null;
  lastError?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Knative retries these; other 4xx answers are final. */
const isRetryable = (status: number) => status >= 500 || status === 404 || status === 408 || status === 409 || status === 429;

/**
 * POSTs an event to a subscriber in binary mode, retrying per the Broker's delivery spec.
 * Resolves with the outcome; a failed outcome is the caller's dead letter.
 */
export const deliver = async (event: CloudEvent, url: string, spec: DeliverySpec): Promise<DeliveryResult> => {
  const message = HTTP.binary(event);
  let lastStatus: number | null = null;
  let lastError: string | undefined;
  for (let attempt = 1; attempt <= spec.retry + 1; attempt += 1) {
    if (attempt > 1) await sleep(backoffDelay(spec, attempt - 1));
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: message.headers as Record<string, string>,
        body: message.body as string,
        signal: AbortSignal.timeout(30_000),
      });
      lastStatus = response.status;
      lastError = response.ok ? undefined : (await response.text()).slice(0, 500);
      if (response.ok) return { ok: true, attempts: attempt, lastStatus };
      if (!isRetryable(response.status)) return { ok: false, attempts: attempt, lastStatus, lastError };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: false, attempts: spec.retry + 1, lastStatus, ...(lastError ? { lastError } : {}) };
};
