import { createHash } from 'node:crypto';
import { canonicalJson } from '../../audit/index.ts';
import { createErasureRunner, type ErasureRunner } from '../../privacy/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { knowledgeVectors } from '../knowledge/knowledge-vectors.ts';
import { createErasureRunStore } from '../mongodb/erasure-run-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { stripe } from '../stripe/stripe-client.ts';
import { redis } from '../upstash/redis-resource.ts';
import { createErasurePlan } from './erasure-plan.ts';
import { erasureIds } from './erasure-ids.ts';
import { erasureStores } from './erasure-stores.ts';

/** The receipt's hash: SHA-256 (hex) of the RFC 8785 canonical JSON, which anyone can recompute. */
export const receiptHashOf = (value: unknown) => createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');

/** Carries out due erasures across every store of the data map, Stripe and the audit sidecar. */
export const erasureRunner = defineResource({
  name: 'erasure-runner',
  config: defineConfig({ name: 'erasure-runner', shape: {}, devDefaults: {} }),
  requires: [mongo, redis, knowledgeVectors, stripe, fieldSealer, auditLog, erasureIds],
  create: (_config, { use }): ErasureRunner => {
    const { db } = use(mongo);
    const ids = use(erasureIds);
    const clock = { now: () => new Date() };
    return createErasureRunner({
      ports: createErasureRunStore(db),
      plan: createErasurePlan({
        db,
        stores: erasureStores,
        redis: use(redis),
        vectors: use(knowledgeVectors),
        stripe: use(stripe),
        sealer: use(fieldSealer),
        audit: use(auditLog),
        pseudonymOf: ids.pseudonymOf,
        now: clock.now,
      }),
      clock,
      runIdOf: ids.receiptIdOf,
      hashOf: receiptHashOf,
      audit: use(auditLog),
    });
  },
});
