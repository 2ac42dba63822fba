/**
 * Local services for development and tests: `npm run services -- up | down | status`.
 * Other scripts import `ensureServices` / `serviceEnv` from here.
 */
import { runCli } from './cli.ts';
import { isEntryModule } from './paths.ts';

export { ensureServices, serviceStatus, stopServices, type EnsureOptions, type ServiceStatus } from './lifecycle.ts';
export { serviceEnv } from './registry.ts';
export { readMail, type ReadMailFilter, type ReceivedMail } from './mail-sink.ts';
export { serviceNames, type ServiceName } from './service.ts';

if (isEntryModule(import.meta.url)) {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
