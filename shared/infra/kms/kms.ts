/**
 * The key-encryption service: wraps and unwraps data keys under a key-encryption key (KEK) that
 * never leaves it. Cloud KMS in production, a local key file in development and tests.
 */
export interface Kms {
  /** Which implementation: recorded with every wrapped key. */
  readonly provider: 'local' | 'gcp';
  /**
   * Encrypts `plaintext` (a data key) under the KEK's current version, bound to `aad`.
   * Returns the ciphertext and the KEK version that made it. Throws when the KMS is unreachable.
   */
  wrap: (plaintext: Buffer, aad: Buffer) => Promise<{ ciphertext: Buffer; kekVersion: string }>;
  /** Decrypts what `wrap` made with `kekVersion`; throws when the version is destroyed or `aad` differs. */
  unwrap: (ciphertext: Buffer, aad: Buffer, kekVersion: string) => Promise<Buffer>;
  /** The KEK version new wraps use (the re-wrap job moves every data key onto it). */
  primaryVersion: () => Promise<string>;
}
