import { readFile, stat } from 'node:fs/promises';

/** How often a mounted secret file is looked at (its mtime); a changed file is read again. */
export const secretFileCheckMs = 30_000;

export interface SecretSource {
  /** The current value: the file's when one is mounted (re-read once it changed), else the variable's. */
  current: () => Promise<string>;
}

/**
 * A secret that can change without a redeploy. In production the ExternalSecret operator writes
 * the secret store's value into a Kubernetes Secret, mounted as a volume (not `subPath`, which
 * kubelet never refreshes); kubelet swaps the file within its sync period (about a minute) and
 * the next check here (every `checkMs`) reads it. Without a file, the variable's value counts.
 * A file that cannot be read keeps the last good value, so a half-done swap fails no request.
 */
export const createSecretSource = (options: {
  value: string | undefined;
  file?: string | undefined;
  checkMs?: number;
  now?: () => number;
  /** Trims and checks a value read from the file; throws to refuse it (the last good value stays). */
  parse?: (raw: string) => string;
}): SecretSource => {
  const { file, checkMs = secretFileCheckMs, now = Date.now, parse = (raw) => raw.trim() } = options;
  let known: { value: string; mtimeMs: number } | null = null;
  let checkedAt = -Infinity;
  let checking: Promise<string> | null = null;

  const check = async (path: string): Promise<string> => {
    try {
      const { mtimeMs } = await stat(path);
      if (known?.mtimeMs !== mtimeMs) known = { value: parse(await readFile(path, 'utf8')), mtimeMs };
    } catch (error) {
      if (!known) throw error;
    }
    checkedAt = now();
    return known.value;
  };

  return {
    current: async () => {
      if (!file) {
        if (options.value === undefined) throw new Error('no value and no file for this secret');
        return options.value;
      }
      if (known && now() - checkedAt < checkMs) return known.value;
      // Concurrent requests share one look at the file.
      checking ??= check(file).finally(() => {
        checking = null;
      });
      return checking;
    },
  };
};
