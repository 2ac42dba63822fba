import { randomUUID } from 'node:crypto';
import type { CronFunctionDefinition, Named } from '../../../shared/platform/definition/index.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';

/** Runs a cron function once as its host does: a runtime of its own over `env`, one tick, closed after. */
export const fireCron = async (definition: Named<CronFunctionDefinition>, env: Record<string, string | undefined>): Promise<void> => {
  const runtime = createRuntime(definition, env);
  try {
    await definition.handler(
      { id: randomUUID(), job: definition.name, time: new Date().toISOString() },
      { log: runtime.log, use: runtime.use },
    );
  } finally {
    await runtime.close();
  }
};
