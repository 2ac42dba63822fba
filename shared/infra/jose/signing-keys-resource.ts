import { createKeySchedule } from '../../identity/signing-key-schedule.ts';
import { defineResource } from '../../platform/resource.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { authConfig, authKeyring } from './auth-config.ts';
import { createSigningKeyStore } from './signing-key-store.ts';

/** The signing-key store with its schedule, for the JWKS endpoint and the rotation job. */
export const signingKeys = defineResource({
  name: 'signing-keys',
  config: authConfig,
  requires: [mongo],
  create: (config, { use }) => {
    const schedule = createKeySchedule(config.AUTH_SIGNING_KEY_ROTATION_DAYS);
    return { schedule, store: createSigningKeyStore(use(mongo).db, authKeyring(config), schedule) };
  },
});
