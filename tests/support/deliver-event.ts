import { randomUUID } from 'node:crypto';
import type { CronFunctionDefinition, EventFunctionDefinition, Named } from '../../shared/platform/definition/index.ts';
import type { EventType } from '../../shared/platform/events/catalog.ts';
import { dispatchEvent } from '../../shared/platform/events/dispatch.ts';
import { createRuntime, type Runtime } from '../../shared/platform/runtime.ts';

/** Where a test runs a background function: a runtime it keeps, or the env of a runtime made for one call. */
export type RuntimeOrEnv = Runtime | Record<string, string | undefined>;

const isRuntime = (target: RuntimeOrEnv): target is Runtime => typeof (target as Partial<Runtime>).use === 'function';

/** Runs `work` on the target's runtime; a runtime made from an env is closed after. */
export const onRuntime = async <T>(
  definition: Named<EventFunctionDefinition | CronFunctionDefinition>,
  target: RuntimeOrEnv,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> => {
  if (isRuntime(target)) return work(target);
  const runtime = createRuntime(definition, target);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
};

/** A CloudEvent as a test delivers it: type and data, the rest defaulted. */
export interface TestEvent {
  type: EventType;
  /** Checked against the catalog's schema on delivery, as in production (so it is not typed here). */
  data: unknown;
  id?: string;
  source?: string;
  subject?: string;
  time?: string;
  [extension: string]: unknown;
}

/**
 * Delivers one event to an event function as both hosts do (`dispatchEvent`): a type it does not
 * subscribe to throws EVENT_TYPE_NOT_SUBSCRIBED, data the catalog's schema refuses throws
 * EVENT_DATA_INVALID (the broker would retry, then dead-letter), before the handler runs.
 */
export const deliverEvent = async (definition: Named<EventFunctionDefinition>, event: TestEvent, target: RuntimeOrEnv): Promise<void> =>
  onRuntime(definition, target, (runtime) => dispatchEvent(definition, runtime, { id: randomUUID(), source: '/tests', ...event }));
