import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { PasswordHasher } from '../../identity/index.ts';

/**
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): about 20–40 ms here,
 * affordable on a scale-to-zero instance with a small CPU request.
 */
// `Algorithm.Argon2id` is an ambient const enum (not importable as a value under verbatimModuleSyntax).
const options = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const createArgon2Hasher = (): PasswordHasher => ({
  hash: (password) => hash(password, options),
  verify: async (encoded, password) => {
    try {
      return await verify(encoded, password);
    } catch {
      return false;
    }
  },
});
