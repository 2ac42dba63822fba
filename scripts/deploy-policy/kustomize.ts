import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable, runInstallStep } from '../services/install.ts';
import { withLock } from '../services/lock.ts';
import { binDir, ensureDir } from '../services/paths.ts';
import { exec } from '../tools/exec.ts';

/** Served by the Go module proxy and built by Go 1.24+ (this machine has 1.26). */
export const kustomizeVersion = '5.8.1';
const kustomizeBinary = join(binDir, `kustomize-${kustomizeVersion}`);

/** A way to run `kustomize build`: kubectl's built-in kustomize, or a standalone binary. */
interface Builder {
  command: string;
  args: (dir: string) => string[];
}

const installKustomize = async (): Promise<string> =>
  withLock('kustomize-install', async () => {
    if (existsSync(kustomizeBinary)) return kustomizeBinary;
    const go = findExecutable('go');
    if (go === null) {
      throw new Error('building the overlays needs kubectl or kustomize on PATH, or Go 1.24+ to install kustomize; none was found');
    }
    const gobin = ensureDir(join(binDir, `kustomize-${kustomizeVersion}.d`));
    await runInstallStep({
      service: 'kustomize',
      command: go,
      args: ['install', `sigs.k8s.io/kustomize/kustomize/v5@v${kustomizeVersion}`],
      env: { ...process.env, GOBIN: gobin },
      hint: 'Check that the Go module proxy is reachable (go env GOPROXY), or install kubectl.',
    });
    // A versioned name: a later version bump installs afresh instead of reusing this binary.
    renameSync(join(gobin, 'kustomize'), kustomizeBinary);
    return kustomizeBinary;
  });

/** kubectl when it is on PATH; else kustomize on PATH; else kustomize installed into .data/tools/bin on first use. */
const findBuilder = async (): Promise<Builder> => {
  const kubectl = findExecutable('kubectl');
  if (kubectl !== null) return { command: kubectl, args: (dir) => ['kustomize', dir] };
  const kustomize = findExecutable('kustomize') ?? (await installKustomize());
  return { command: kustomize, args: (dir) => ['build', dir] };
};

/** The YAML stream `kustomize build` makes of `dir` (relative to the repository root); throws with kustomize's message. */
export const buildKustomization = async (dir: string): Promise<string> => {
  const builder = await findBuilder();
  const result = await exec(builder.command, builder.args(dir));
  if (result.code !== 0) throw new Error(`kustomize build ${dir} failed (exit ${result.code}): ${result.stderr.trim()}`);
  return result.stdout;
};
