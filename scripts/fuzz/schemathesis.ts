import { join } from 'node:path';
import { withLock } from '../services/lock.ts';
import { toolsDir } from '../services/paths.ts';
import { installPythonVenv, isVenvInstalled, venvBin, type PythonVenv } from '../services/python-venv.ts';

// Pinned: Schemathesis 4.32.5 installs on Python 3.11; its 4.x CLI (`st run`) takes the checks,
// hooks and report formats the driver uses.
const venv: PythonVenv = {
  service: 'schemathesis',
  dir: join(toolsDir, 'fuzz-venv'),
  packages: ['schemathesis==4.32.5'],
  executables: ['st', 'python'],
  retryWith: 'npm run fuzz',
};

/**
 * The `st` executable of the project-local venv `.data/tools/fuzz-venv`, installed on first use
 * (a minute; a marker file makes later calls instant). Parallel callers wait on the same lock.
 */
export async function schemathesisPath(): Promise<string> {
  if (!isVenvInstalled(venv)) await withLock('fuzz-venv', () => installPythonVenv(venv));
  return venvBin(venv, 'st');
}
