import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable, runInstallStep } from './install.ts';
import { withLock } from './lock.ts';
import { binDir, ensureDir } from './paths.ts';

/**
 * Helm 4, pinned: the newest release the Go module proxy serves (`go list -m -versions
 * helm.sh/helm/v4`); builds with Go 1.24+. Installed like the other Go tools, under a versioned
 * name in .data/tools/bin, so a bump installs afresh.
 */
export const helmVersion = '4.3.2';
export const helmBinary = join(binDir, `helm-${helmVersion}`);

/** The pinned helm, installed with `go install` on first use (a lock keeps parallel callers to one build). */
export const ensureHelm = async (): Promise<string> =>
  withLock('helm-install', async () => {
    if (existsSync(helmBinary)) return helmBinary;
    const go = findExecutable('go');
    if (go === null) throw new Error(`installing helm ${helmVersion} needs Go 1.24+ on PATH`);
    const gobin = ensureDir(join(binDir, `helm-${helmVersion}.d`));
    await runInstallStep({
      service: 'helm',
      command: go,
      args: ['install', `helm.sh/helm/v4/cmd/helm@v${helmVersion}`],
      env: { ...process.env, GOBIN: gobin },
      hint: 'Check that the Go module proxy is reachable (go env GOPROXY) and that Go is 1.24 or newer.',
    });
    renameSync(join(gobin, 'helm'), helmBinary);
    return helmBinary;
  });
