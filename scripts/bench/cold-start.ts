import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { loadDefinitions } from '../lib/load-definitions.ts';
import { fromRoot } from '../lib/paths.ts';
import { run } from '../lib/run.ts';
import { bundlePath, loaderPath } from '../build/bundle.ts';
import { frameworkMain, functionProcessArgs } from '../build/function-command.ts';
import { ensureServices } from '../services/index.ts';
import { firstRequest } from './probe-request.ts';

/**
 * Cold start of every function under the Functions Framework host (the one Knative runs, with the
 * image's loader and Node flags: scripts/build/function-command.ts): process start → first
 * successful response, against a bare functions-framework "hello" (an ES module, default flags)
 * measured in the same run: each function start is paired with a hello start just before it, and
 * a function's ratio is the median of its paired ratios. Prints a table and one JSON line.
 * Options: `--runs N` (default 7), `--skip-build` (measure the bundles already in dist/),
 * `--only <name>[,<name>]`.
 */
const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 7;
const helloSource = fromRoot('dist/bench/hello.js');

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * CPU time the process has used so far, all threads (Linux: /proc schedstat, in ns), or NaN. Unlike
 * the wall time it hardly moves when other work shares the machine, so it shows a change on a busy one.
 */
const cpuMs = async (pid: number | undefined) => {
  try {
    const tasks = await readdir(`/proc/${pid}/task`);
    const times = await Promise.all(
      tasks.map(async (task) => Number((await readFile(`/proc/${pid}/task/${task}/schedstat`, 'utf8')).split(' ')[0])),
    );
    return times.reduce((a, b) => a + b, 0) / 1e6;
  } catch {
    return Number.NaN;
  }
};

/** Starts one instance and times it until the first answer below 500: wall and CPU milliseconds. */
const coldStart = async (options: {
  target: string;
  args: string[];
  request: { path: string; init: RequestInit };
  port: number;
  env: Record<string, string>;
}) => {
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Both streams: the function's logs (stdout) say why a start failed.
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  try {
    while (performance.now() - started < 15_000) {
      if (child.exitCode !== null) throw new Error(`${options.target} exited: ${output}`);
      const response = await fetch(`http://127.0.0.1:${options.port}${options.request.path}`, options.request.init).catch(() => null);
      if (response) {
        await response.arrayBuffer();
        if (response.status < 500) return { ms: performance.now() - started, cpu: await cpuMs(child.pid) };
        throw new Error(`${options.target} answered ${response.status}: ${output.slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`${options.target} did not answer within 15 s`);
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
  }
};

const main = async () => {
  const env = await ensureServices({ log: () => {} });
  if (!process.argv.includes('--skip-build')) await run('npm', ['run', '-s', 'build']);
  await mkdir(fromRoot('dist/bench'), { recursive: true });
  await writeFile(
    helloSource,
    "import * as ff from '@google-cloud/functions-framework';\nff.http('hello', (_req, res) => { res.send('hello'); });\n",
  );
  // The heartbeat cron publishes to a broker: a sink that accepts everything stands in for it.
  const sink = createServer((_req, res) => res.writeHead(202).end()).listen(0, '127.0.0.1');
  await new Promise((resolve) => sink.once('listening', resolve));
  const brokerPort = (sink.address() as { port: number }).port;
  const functionEnv = {
    ...env,
    // Development values fill every variable the services do not set (keys, issuer, mail sender…).
    APP_ENV: 'development',
    LOG_LEVEL: 'warn',
    MONGODB_DB: 'uxflow_bench',
    BROKER_URL: `http://127.0.0.1:${brokerPort}`,
  };

  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1]?.split(',')) : null;
  const definitions = (await loadDefinitions()).map((d) => d.definition).filter((d) => !only || only.has(d.name));
  const hello = {
    target: 'hello',
    args: [frameworkMain, '--target=hello', `--source=${helloSource}`, '--signature-type=http', '--port=8300'],
    request: { path: '/', init: {} },
    port: 8300,
    env: {},
  };
  // Paired samples: a hello right before each function start, so drift in machine load cancels out.
  const samples = new Map<string, { ms: number; ratio: number; cpuRatio: number }[]>();
  const helloSamples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    for (const definition of definitions) {
      const { ms: helloMs, cpu: helloCpu } = await coldStart(hello);
      const { ms, cpu } = await coldStart({
        target: definition.name,
        args: functionProcessArgs({
          target: definition.name,
          source: loaderPath(definition.name),
          signatureType: definition.kind === 'http' ? 'http' : 'cloudevent',
          port: 8301,
        }),
        request: firstRequest(definition),
        port: 8301,
        env: functionEnv,
      });
      helloSamples.push(helloMs);
      samples.set(definition.name, [...(samples.get(definition.name) ?? []), { ms, ratio: ms / helloMs, cpuRatio: cpu / helloCpu }]);
    }
  }
  sink.close();

  const helloMs = median(helloSamples);
  console.log(
    `${'function'.padEnd(36)}${'median ms'.padStart(10)}${'ratio'.padStart(8)}${'cpu ratio'.padStart(11)}${'bundle KB'.padStart(11)}`,
  );
  console.log(`${'hello (bare framework)'.padEnd(36)}${helloMs.toFixed(0).padStart(10)}${'1.00'.padStart(8)}${'1.00'.padStart(11)}`);
  const rows = [];
  for (const definition of definitions) {
    const own = samples.get(definition.name)!;
    const ms = median(own.map((s) => s.ms));
    const ratio = median(own.map((s) => s.ratio));
    const cpuRatio = median(own.map((s) => s.cpuRatio));
    const kb = (await stat(bundlePath(definition.name))).size / 1024;
    rows.push({ name: definition.name, ms, ratio, cpuRatio, kb });
    console.log(
      `${definition.name.padEnd(36)}${ms.toFixed(0).padStart(10)}${ratio.toFixed(2).padStart(8)}${cpuRatio.toFixed(2).padStart(11)}${kb.toFixed(0).padStart(11)}`,
    );
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  console.log(
    JSON.stringify({
      bench: 'cold-start',
      runs,
      hello_ms: round(helloMs),
      worst_ratio: round(Math.max(...rows.map((r) => r.ratio))),
      worst_function: rows.reduce((a, b) => (b.ratio > a.ratio ? b : a)).name,
      median_ratio: round(median(rows.map((r) => r.ratio))),
      cpu_worst_ratio: round(Math.max(...rows.map((r) => r.cpuRatio))),
      cpu_median_ratio: round(median(rows.map((r) => r.cpuRatio))),
      largest_bundle_kb: Math.round(Math.max(...rows.map((r) => r.kb))),
    }),
  );
};

await main();
