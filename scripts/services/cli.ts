import { ensureServices, serviceStatus, stopServices, type ServiceStatus } from './lifecycle.ts';
import { display, logDir } from './paths.ts';

const usage = `usage: npm run services -- <up|down|status> [service...]
services: mongodb redis upstash chroma embeddings stripe mail oauth tracing (default: all but tracing)`;

/** `up`, `down` or `status`; returns the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...names] = argv;
  const only = names.length > 0 ? names : undefined;
  switch (command) {
    case 'up': {
      const startedAt = Date.now();
      const env = await ensureServices({ only });
      console.log(`all services answer (${((Date.now() - startedAt) / 1000).toFixed(1)}s):`);
      for (const [key, value] of Object.entries(env)) console.log(`  ${key}=${value}`);
      return 0;
    }
    case 'down': {
      const stopped = await stopServices({ only });
      console.log(stopped.length > 0 ? `stopped: ${stopped.join(', ')}` : 'nothing was running');
      return 0;
    }
    case 'status': {
      printStatus(await serviceStatus());
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

function printStatus(rows: readonly ServiceStatus[]): void {
  const table = rows.map((row) => [
    row.name,
    row.description,
    row.address,
    row.state +
      (row.pid === null ? '' : ` (pid ${row.pid})`) +
      (row.state === 'up' && row.pid === null ? ' (not started by these scripts)' : ''),
  ]);
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => cells[column]?.length ?? 0)));
  for (const cells of table) {
    console.log(
      cells
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
  console.log(`logs: ${display(logDir)}/<service>.log`);
}
