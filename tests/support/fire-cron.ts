import { randomUUID } from 'node:crypto';
import type { CronFunctionDefinition } from '../../shared/platform/definition/index.ts';
import { dispatchEvent } from '../../shared/platform/events/dispatch.ts';
import { cronJobExtension, pingEventType } from '../../shared/platform/events/catalog.ts';
import { onRuntime, type RuntimeOrEnv } from './deliver-event.ts';

/**
 * Runs a cron function once as its host does: one PingSource tick through `dispatchEvent` (which
 * checks the tick is for this job), on `target` (a runtime, or an env for a runtime of its own,
 * closed after). `time` is the tick's time (ISO-8601; now by default).
 */
export const fireCron = async (definition: CronFunctionDefinition, target: RuntimeOrEnv, options: { time?: string } = {}): Promise<void> =>
  onRuntime(definition, target, (runtime) =>
    dispatchEvent(definition, runtime, {
      id: randomUUID(),
      type: pingEventType,
      source: '/apis/v1/namespaces/uxflow/pingsources/test',
      time: options.time ?? new Date().toISOString(),
      [cronJobExtension]: definition.name,
    }),
  );
