import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isVenvInstalled, venvBin, type PythonVenv } from '../../../scripts/services/python-venv.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A venv on disk with its marker and the given executables' first bytes. */
const venvWith = (files: Record<string, string | Buffer>): PythonVenv => {
  const dir = mkdtempSync(join(tmpdir(), 'uxflow-venv-'));
  dirs.push(dir);
  const venv: PythonVenv = { service: 'test', dir, packages: ['tool==1.0'], executables: Object.keys(files), retryWith: 'the test' };
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, '.installed-tool@1.0'), 'now\n');
  for (const [name, content] of Object.entries(files)) writeFileSync(venvBin(venv, name), content);
  return venv;
};

describe('whether a project-local venv is installed', () => {
  it('should count a native executable a wheel ships, which names no Python', () => {
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]);
    const venv = venvWith({ hadolint: elf, checkov: '' });
    writeFileSync(venvBin(venv, 'checkov'), `#!${venvBin(venv, 'python')}\nimport sys\n`);
    expect(isVenvInstalled(venv)).toBe(true);
  });

  it("should not count a script written for another checkout's venv", () => {
    const venv = venvWith({ checkov: '#!/elsewhere/lint-venv/bin/python\nimport sys\n' });
    expect(isVenvInstalled(venv)).toBe(false);
  });
});
