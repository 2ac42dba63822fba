import { join } from 'node:path';
import { dataDir, ensureDir, toolsDir } from './paths.ts';
import { httpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import { installPythonVenv, venvBin, type PythonVenv } from './python-venv.ts';
import type { Service } from './service.ts';

// The chromadb 1.x server speaks the v2 API that the npm `chromadb` 3.x client uses.
const version = '1.5.9';
const host = '127.0.0.1';
const port = 8000;
const url = `http://${host}:${port}`;
// Slow the first time (pip resolves and downloads a few hundred MB).
const venv: PythonVenv = {
  service: 'chroma',
  dir: join(toolsDir, 'chroma-venv'),
  packages: [`chromadb==${version}`],
  executables: ['chroma'],
  retryWith: '`npm run services -- up chroma`',
};

/** ChromaDB from PyPI in a project-local virtualenv. */
export const chroma: Service = {
  name: 'chroma',
  description: `ChromaDB ${version} (python venv)`,
  address: url,
  overrideVar: 'CHROMA_URL',
  env: { CHROMA_URL: url },
  probe: () => httpProbe(`${url}/api/v2/heartbeat`),
  install: () => installPythonVenv(venv),
  start: () =>
    spawnDetached({
      name: 'chroma',
      command: venvBin(venv, 'chroma'),
      args: ['run', '--host', host, '--port', String(port), '--path', ensureDir(join(dataDir, 'chroma'))],
      env: { ...process.env, ANONYMIZED_TELEMETRY: 'False' },
    }),
  startTimeoutMs: 60_000,
};
