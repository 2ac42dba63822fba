import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Digest, SignatureCheck } from '../../audit/index.ts';

/** SHA-256, lower-case hex, of a UTF-8 string: the hash of the chains. */
export const sha256Hex: Digest = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A published audit key: an Ed25519 public key as a JWK (RFC 8037) with its id. */
export interface AuditPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** A fresh Ed25519 pair: the public half as a JWK, the private half as PKCS #8 DER (base64) to seal. */
export const newEd25519Pair = (kid: string): { publicJwk: AuditPublicJwk; privatePkcs8: string } => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  return {
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: x!, kid, alg: 'EdDSA', use: 'sig' },
    privatePkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
};

/** Signs a UTF-8 message with a PKCS #8 Ed25519 key; the signature base64url. */
export const signEd25519 = (privatePkcs8: string, message: string): string =>
  sign(null, Buffer.from(message, 'utf8'), { key: Buffer.from(privatePkcs8, 'base64'), format: 'der', type: 'pkcs8' }).toString(
    'base64url',
  );

/** The signature check over a set of published keys (a JWK set, or PEM public keys by id). */
export const signatureCheckOf = (keys: readonly { kid: string; key: KeyObject }[]): SignatureCheck => {
  const byId = new Map(keys.map((k) => [k.kid, k.key]));
  return (keyId, message, signature) => {
    const key = byId.get(keyId);
    if (!key) return false;
    try {
      return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  };
};

/** Public keys from what a deployment publishes (`{ keys: [JWK…] }`); anything not an Ed25519 JWK is skipped. */
export const publicKeysFromJwks = (set: unknown): { kid: string; key: KeyObject }[] => {
  const keys = (set as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return [];
  return keys.flatMap((jwk: Partial<AuditPublicJwk>) =>
    jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string' && typeof jwk.kid === 'string'
      ? [{ kid: jwk.kid, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }) }]
      : [],
  );
};
