/**
 * Fault injection: `npm run chaos -- <scenario>|all [--fault-ms 5000] [--concurrency 6]` runs a
 * scenario (docs/reliability.md) and prints one JSON line per scenario; exit 1 when one broke the
 * contract. `npm run chaos -- replay-dead-letters [--fleet http://127.0.0.1:3000] [--file …]`
 * sends the local broker's dead letters again.
 */
import { parseArgs } from 'node:util';
import { fromRoot } from '../lib/paths.ts';
import { replayDeadLetters } from '../dev/broker/replay.ts';
import { readDeliverySpec, readTriggers } from '../dev/broker/triggers.ts';
import { localEventPath } from '../dev/gateway/server.ts';
import { runScenario } from './run-scenario.ts';
import { scenarios } from './scenarios/index.ts';

const usage = `usage: npm run chaos -- <${Object.keys(scenarios).join('|')}|all> [--fault-ms N] [--concurrency N]
       npm run chaos -- replay-dead-letters [--fleet http://127.0.0.1:3000] [--file .data/dead-letters.jsonl]`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'fault-ms': { type: 'string' },
    concurrency: { type: 'string' },
    fleet: { type: 'string', default: 'http://127.0.0.1:3000' },
    file: { type: 'string', default: fromRoot('.data/dead-letters.jsonl') },
  },
});
const [command] = positionals;

const main = async (): Promise<number> => {
  if (command === 'replay-dead-letters') {
    const report = await replayDeadLetters({
      file: values.file,
      triggers: await readTriggers(fromRoot('knative/base/eventing/triggers')),
      delivery: await readDeliverySpec(fromRoot('knative/base/eventing/broker.yaml')),
      subscriberUrl: (name) => `${values.fleet}${localEventPath(name)}`,
      log: (line) => console.error(JSON.stringify(line)),
    });
    console.log(JSON.stringify({ chaos: 'replay-dead-letters', ...report }));
    return report.failed > 0 ? 1 : 0;
  }
  const chosen = command === 'all' ? Object.values(scenarios) : command && scenarios[command] ? [scenarios[command]] : [];
  if (chosen.length === 0) {
    console.error(usage);
    return 2;
  }
  let failed = false;
  for (const scenario of chosen) {
    const summary = await runScenario(scenario, {
      ...(values['fault-ms'] ? { faultMs: Number(values['fault-ms']) } : {}),
      ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    });
    console.log(JSON.stringify(summary));
    failed ||= summary.violations.length > 0 || summary.server_errors > 0 || summary.partial_writes > 0 || !summary.recovered;
  }
  return failed ? 1 : 0;
};

// The drivers' sockets and timers would keep the process alive after the last scenario.
process.exit(await main());
