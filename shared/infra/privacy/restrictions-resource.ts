import { createRestrictions, type Restrictions } from '../../privacy/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createRestrictionStore } from '../mongodb/restriction-store.ts';
import { privacyHasher } from './privacy-hasher.ts';

/** Restrictions and objections per purpose over MongoDB (`privacy_restrictions`). */
export const restrictions = defineResource({
  name: 'privacy-restrictions',
  config: defineConfig({ name: 'privacy-restrictions', shape: {}, devDefaults: {} }),
  requires: [mongo, privacyHasher],
  create: (_config, { use }): Restrictions =>
    createRestrictions({ log: createRestrictionStore(use(mongo).db), clock: { now: () => new Date() }, hashIp: use(privacyHasher) }),
});
