import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { kms } from '../kms/kms-resource.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createDataKeys, type DataKeys } from './data-keys.ts';
import { isSealedValue, openValue, sealValue, type FieldContext, type SealedValue } from './envelope.ts';

/** Seals and opens a person's field values under their data key (envelope encryption). */
export interface FieldSealer {
  seal: (userId: string, context: FieldContext, plaintext: string) => Promise<SealedValue>;
  /**
   * The plain text of a stored value: a plain string (written before sealing began) as it is;
   * null when the person's key was destroyed (crypto-shredded). Throws when a value does not open.
   */
  open: (userId: string, context: FieldContext, stored: string | SealedValue) => Promise<string | null>;
  /** Destroys the person's data key: erasure by crypto-shredding. */
  shred: (userId: string) => Promise<void>;
}

export const createFieldSealer = (keys: DataKeys): FieldSealer => ({
  seal: async (userId, context, plaintext) => {
    const { key, version } = await keys.current(userId);
    return sealValue(key, version, context, plaintext);
  },
  open: async (userId, context, stored) => {
    if (!isSealedValue(stored)) return stored;
    const key = await keys.find(userId, stored.kv);
    return key === null ? null : openValue(key, context, stored);
  },
  shred: (userId) => keys.destroy(userId),
});

/** The field sealer over MongoDB (`user_data_keys`) and the KMS. */
export const fieldSealer = defineResource({
  name: 'field-sealer',
  config: defineConfig({
    name: 'field-sealer',
    shape: {
      /** How long an instance keeps an unwrapped data key (0: ask the KMS on every use, as tests under rotation do). */
      DATA_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
    },
    devDefaults: {},
  }),
  requires: [mongo, kms],
  create: (config, { use }): FieldSealer =>
    createFieldSealer(createDataKeys(use(mongo).db, use(kms), { cacheMs: config.DATA_KEY_CACHE_SECONDS * 1000 })),
});
