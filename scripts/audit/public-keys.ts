import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SignatureCheck } from '../../shared/audit/index.ts';
import { publicKeysFromJwks, signatureCheckOf } from '../../shared/infra/audit/audit-crypto.ts';

/** The deployment's published keys when no file is named (the local fleet by default). */
export const defaultKeysUrl = 'http://127.0.0.1:3000/.well-known/audit-keys.json';

/**
 * The signature check from a public-key file: the published key set (`{"keys":[…]}`), one JWK,
 * or a PEM public key (which then answers for any key id).
 */
export const checkFromText = (text: string): SignatureCheck => {
  if (text.includes('-----BEGIN')) {
    const key: KeyObject = createPublicKey(text);
    return (_keyId, message, signature) => signatureCheckOf([{ kid: '*', key }])('*', message, signature);
  }
  const value = JSON.parse(text) as unknown;
  const keys = publicKeysFromJwks(Array.isArray((value as { keys?: unknown }).keys) ? value : { keys: [value] });
  if (keys.length === 0) throw new Error('no Ed25519 public key in the key file');
  return signatureCheckOf(keys);
};

/** Reads `--public-key <file>`, else fetches the published key set. */
export const loadSignatureCheck = async (file: string | undefined, url: string): Promise<SignatureCheck> => {
  if (file) return checkFromText(await readFile(file, 'utf8'));
  const response = await fetch(url).catch((error: unknown) => {
    throw new Error(`cannot fetch the published audit keys from ${url} (${String(error)}); pass --public-key <file>`);
  });
  if (!response.ok)
    throw new Error(`cannot fetch the published audit keys from ${url} (HTTP ${response.status}); pass --public-key <file>`);
  return checkFromText(await response.text());
};
