import { chmodSync, cpSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireExecutable, runInstallStep } from './install.ts';
import { binDir, dataDir, ensureDir, toolsDir } from './paths.ts';
import { tcpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import type { Service } from './service.ts';

const version = '1.24.2';
const modulePath = 'github.com/FerretDB/FerretDB';
const host = '127.0.0.1';
const port = 27017;
const binary = join(binDir, `ferretdb-${version}`);
const goHint = 'FerretDB is built from the Go module proxy: install Go 1.24 or newer and put `go` on PATH.';

/** FerretDB 1.24.2 on SQLite: the MongoDB-compatible server for local runs. */
export const ferretdb: Service = {
  name: 'mongodb',
  description: `FerretDB ${version} (SQLite)`,
  address: `${host}:${port}`,
  overrideVar: 'MONGODB_URI',
  env: { MONGODB_URI: `mongodb://${host}:${port}` },
  probe: () => tcpProbe(host, port),
  install: buildFerretDb,
  start: () =>
    spawnDetached({
      name: 'mongodb',
      command: binary,
      args: [
        '--handler=sqlite',
        // FerretDB wants an existing directory, as a URI ending in a slash.
        `--sqlite-url=file:${ensureDir(join(dataDir, 'ferretdb'))}/`,
        `--listen-addr=${host}:${port}`,
        `--state-dir=${ensureDir(join(dataDir, 'ferretdb-state'))}`,
        '--debug-addr=-',
        '--telemetry=disable',
      ],
    }),
  startTimeoutMs: 30_000,
};

/**
 * `go install …/cmd/ferretdb@v1.24.2` yields a binary that panics at start because
 * `build/version/version.txt` is not part of the module. So: copy the module out of the
 * module cache, write that file, and build `./cmd/ferretdb` from the copy.
 */
async function buildFerretDb(): Promise<void> {
  if (existsSync(binary)) return;
  const go = requireExecutable('mongodb', 'go', goHint);
  const downloaded = await runInstallStep({
    service: 'mongodb',
    command: go,
    args: ['mod', 'download', '-json', `${modulePath}@v${version}`],
    cwd: ensureDir(toolsDir),
    hint: `Check that the Go module proxy is reachable (go env GOPROXY). ${goHint}`,
  });
  const moduleDir = (JSON.parse(downloaded) as { Dir?: string }).Dir;
  if (moduleDir === undefined) throw new Error(`go mod download gave no directory for ${modulePath}`);

  const source = join(ensureDir(join(toolsDir, 'src')), `ferretdb-${version}`);
  rmSync(source, { recursive: true, force: true });
  cpSync(moduleDir, source, { recursive: true });
  makeDirsWritable(source);
  writeFileSync(join(source, 'build', 'version', 'version.txt'), `v${version}\n`);

  ensureDir(binDir);
  const partial = `${binary}.partial`;
  await runInstallStep({
    service: 'mongodb',
    command: go,
    // No VCS stamping: the copy sits inside this repository, whose commit means nothing to FerretDB.
    args: ['build', '-trimpath', '-buildvcs=false', '-o', partial, './cmd/ferretdb'],
    cwd: source,
    hint: `Delete ${source} and retry; if it fails again, read the build log. ${goHint}`,
  });
  renameSync(partial, binary);
  rmSync(source, { recursive: true, force: true });
}

/** Files copied from the module cache keep its read-only modes. */
function makeDirsWritable(root: string): void {
  chmodSync(root, 0o755);
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    chmodSync(join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
  }
}
