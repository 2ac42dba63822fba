import { createIdentitySystemService } from '../../identity/system-service.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { signingKeys } from '../jose/signing-keys-resource.ts';

/** The identity system service over the signing-key store. */
export const identitySystem = defineResource({
  name: 'identity-system',
  config: defineConfig({ name: 'identity-system', shape: {}, devDefaults: {} }),
  requires: [signingKeys],
  create: (_config, { use }) => {
    const { store, schedule } = use(signingKeys);
    return createIdentitySystemService({ signingKeys: store, schedule });
  },
});
