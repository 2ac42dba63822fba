import { createHmac } from 'node:crypto';
import { createConsents, type Consents } from '../../privacy/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { createConsentStore } from '../mongodb/consent-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { consentConfig } from './privacy-config.ts';

/** Consent per purpose over MongoDB (`consent_entries`); client addresses kept only as an HMAC. */
export const consents = defineResource({
  name: 'consents',
  config: consentConfig,
  requires: [mongo],
  create: (config, { use }): Consents => {
    const key = Buffer.from(config.PRIVACY_HASH_KEY, 'base64');
    return createConsents({
      log: createConsentStore(use(mongo).db),
      clock: { now: () => new Date() },
      textVersion: config.CONSENT_TEXT_VERSION,
      hashIp: (ip) => createHmac('sha256', key).update(`ip:${ip}`).digest('base64url').slice(0, 22),
    });
  },
});
