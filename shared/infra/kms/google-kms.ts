import type { KeyManagementServiceClient } from '@google-cloud/kms';
import type { Kms } from './kms.ts';

/**
 * Cloud KMS (symmetric ENCRYPT_DECRYPT key): `keyName` is the CryptoKey
 * (`projects/…/locations/…/keyRings/…/cryptoKeys/…`); a wrap uses its primary version, whose id
 * is recorded; an unwrap lets KMS find the version in the ciphertext. The client (~11 MB with
 * google-gax) is imported on the first call, from node_modules: only functions that seal load it.
 */
export const createGoogleKms = (keyName: string): Kms => {
  let client: Promise<KeyManagementServiceClient> | undefined;
  const kms = () => (client ??= import('@google-cloud/kms').then(({ KeyManagementServiceClient: Client }) => new Client()));
  return {
    provider: 'gcp',
    wrap: async (plaintext, aad) => {
      const [answer] = await (await kms()).encrypt({ name: keyName, plaintext, additionalAuthenticatedData: aad });
      if (!answer.ciphertext || !answer.name) throw new Error('Cloud KMS answered an encrypt without ciphertext or key version');
      return { ciphertext: Buffer.from(answer.ciphertext as Uint8Array), kekVersion: answer.name.split('/').at(-1)! };
    },
    unwrap: async (ciphertext, aad) => {
      const [answer] = await (await kms()).decrypt({ name: keyName, ciphertext, additionalAuthenticatedData: aad });
      if (!answer.plaintext) throw new Error('Cloud KMS answered a decrypt without plaintext');
      return Buffer.from(answer.plaintext as Uint8Array);
    },
    // Cloud KMS rotates natively (a new primary version, old versions still decrypt): ask which is primary.
    primaryVersion: async () => {
      const [key] = await (await kms()).getCryptoKey({ name: keyName });
      if (!key.primary?.name) throw new Error('Cloud KMS answered a CryptoKey without a primary version');
      return key.primary.name.split('/').at(-1)!;
    },
  };
};
