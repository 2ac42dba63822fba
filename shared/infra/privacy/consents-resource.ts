import { createConsents, createRestrictions, type Consents, type OptionalPurpose } from '../../privacy/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { createConsentStore } from '../mongodb/consent-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createRestrictionStore } from '../mongodb/restriction-store.ts';
import { consentConfig } from './privacy-config.ts';
import { privacyHasher } from './privacy-hasher.ts';

/** Consent per purpose over MongoDB (`consent_entries`), overridden by restrictions (`privacy_restrictions`); client addresses kept only as an HMAC; each change audited. */
export const consents = defineResource({
  name: 'consents',
  config: consentConfig,
  requires: [mongo, privacyHasher, auditLog],
  create: (config, { use }): Consents => {
    const clock = { now: () => new Date() };
    const restrictions = createRestrictions({ log: createRestrictionStore(use(mongo).db), clock, hashIp: use(privacyHasher) });
    return createConsents({
      log: createConsentStore(use(mongo).db),
      clock,
      textVersion: config.CONSENT_TEXT_VERSION,
      hashIp: use(privacyHasher),
      restricted: (userId, purpose) => restrictions.isRestricted(userId, purpose as OptionalPurpose),
      audit: use(auditLog),
    });
  },
});
