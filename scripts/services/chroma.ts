import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireExecutable, runInstallStep } from './install.ts';
import { dataDir, display, ensureDir, toolsDir } from './paths.ts';
import { httpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import type { Service } from './service.ts';

// The chromadb 1.x server speaks the v2 API that the npm `chromadb` 3.x client uses.
const version = '1.5.9';
const host = '127.0.0.1';
const port = 8000;
const url = `http://${host}:${port}`;
const venv = join(toolsDir, 'chroma-venv');
const chromaBin = join(venv, 'bin', 'chroma');
const marker = join(venv, `.installed-chromadb-${version}`);

/** ChromaDB from PyPI in a project-local virtualenv. */
export const chroma: Service = {
  name: 'chroma',
  description: `ChromaDB ${version} (python venv)`,
  address: url,
  overrideVar: 'CHROMA_URL',
  env: { CHROMA_URL: url },
  probe: () => httpProbe(`${url}/api/v2/heartbeat`),
  install: installChroma,
  start: () =>
    spawnDetached({
      name: 'chroma',
      command: chromaBin,
      args: ['run', '--host', host, '--port', String(port), '--path', ensureDir(join(dataDir, 'chroma'))],
      env: { ...process.env, ANONYMIZED_TELEMETRY: 'False' },
    }),
  startTimeoutMs: 60_000,
};

/** Slow the first time (pip resolves and downloads a few hundred MB); a marker file makes reruns instant. */
async function installChroma(): Promise<void> {
  if (existsSync(marker) && existsSync(chromaBin)) return;
  const retry = `Delete ${display(venv)} and run \`npm run services -- up chroma\` again.`;
  if (!existsSync(join(venv, 'bin', 'python'))) {
    const python = requireExecutable('chroma', 'python3', 'Install Python 3.9+ with the venv module (Debian: python3-venv).');
    await runInstallStep({
      service: 'chroma',
      command: python,
      args: ['-m', 'venv', ensureDir(venv)],
      hint: `Python could not create a virtualenv (Debian needs the python3-venv package). ${retry}`,
    });
  }
  await runInstallStep({
    service: 'chroma',
    command: join(venv, 'bin', 'python'),
    args: ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', `chromadb==${version}`],
    hint: `pip could not install chromadb==${version} from PyPI; check that PyPI is reachable. ${retry}`,
  });
  writeFileSync(marker, `${new Date().toISOString()}\n`);
}
