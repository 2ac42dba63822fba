import { randomUUID } from 'node:crypto';
import type { CronFunctionDefinition, Named } from '../../shared/platform/definition/index.ts';
import { dispatchEvent } from '../../shared/platform/events/dispatch.ts';
import { cronJobExtension, pingEventType } from '../../shared/platform/events/catalog.ts';
import { onRuntime, type RuntimeOrEnv } from './deliver-event.ts';

/**
 * Runs a cron function (named after its file: `named(definition, 'functions/…')`) once as its host does: one PingSource tick through `dispatchEvent` (which
 * checks the tick is for this job), on `target` (a runtime, or an env for a runtime of its own,
 * closed after). `time` is the tick's time (ISO-8601; now by default).
 */
export const fireCron = async (
  definition: Named<CronFunctionDefinition>,
  target: RuntimeOrEnv,
  options: { time?: string } = {},
): Promise<void> =>
  onRuntime(definition, target, (runtime) =>
    dispatchEvent(definition, runtime, {
      id: randomUUID(),
      type: pingEventType,
      source: '/apis/v1/namespaces/uxflow/pingsources/test',
      time: options.time ?? new Date().toISOString(),
      // The job is the function's name, which the runtime carries (the host got it from the entry).
      [cronJobExtension]: runtime.name,
    }),
  );
