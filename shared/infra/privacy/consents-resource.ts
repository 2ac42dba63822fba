import { createConsents, type Consents } from '../../privacy/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { createConsentStore } from '../mongodb/consent-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { consentConfig } from './privacy-config.ts';
import { privacyHasher } from './privacy-hasher.ts';

/** Consent per purpose over MongoDB (`consent_entries`); client addresses kept only as an HMAC. */
export const consents = defineResource({
  name: 'consents',
  config: consentConfig,
  requires: [mongo, privacyHasher],
  create: (config, { use }): Consents =>
    createConsents({
      log: createConsentStore(use(mongo).db),
      clock: { now: () => new Date() },
      textVersion: config.CONSENT_TEXT_VERSION,
      hashIp: use(privacyHasher),
    }),
});
