import { findExecutable, InstallError, runInstallStep } from '../../scripts/services/install.ts';

const hint = 'Install it yourself with `apt-get update && apt-get install -y chromium` (as root).';

/**
 * Debian's Chromium for the browser tests (driven by playwright-core, which ships no browser):
 * installed with apt-get on first use when the tests run as root, like the other Debian tools.
 */
export const ensureChromium = async (): Promise<string> => {
  const found = findExecutable('chromium');
  if (found) return found;
  if (process.getuid?.() !== 0) throw new InstallError(`chromium is not installed. ${hint}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runInstallStep({ service: 'chromium', command: 'apt-get', args: ['update'], env, hint });
  await runInstallStep({
    service: 'chromium',
    command: 'apt-get',
    args: ['install', '-y', '--no-install-recommends', 'chromium'],
    env,
    hint,
  });
  const installed = findExecutable('chromium');
  if (!installed) throw new InstallError(`chromium is still missing after apt-get install. ${hint}`);
  return installed;
};
