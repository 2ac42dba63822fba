import path from 'node:path';
import type { Db } from 'mongodb';
import { createDataKeys } from '../../shared/infra/crypto/data-keys.ts';
import { createFieldSealer, type FieldSealer } from '../../shared/infra/crypto/field-sealer.ts';
import { createContentSealer, type ContentSealer } from '../../shared/infra/crypto/sealed-content.ts';
import { createLocalKms } from '../../shared/infra/kms/local-kms.ts';

const defaultKeyFile = () => process.env.KMS_LOCAL_KEY_FILE ?? '.data/kms/local-kek.json';

/** The field sealer the functions use (no key cache), over the test's database and the local key file they read. */
export const testFieldSealer = (db: Db, keyFile = defaultKeyFile()): FieldSealer =>
  createFieldSealer(createDataKeys(db, createLocalKms(path.resolve(keyFile)), { cacheMs: 0 }));

/** The content sealer the functions use, over the test's database and the local key file they read. */
export const testContentSealer = (db: Db, keyFile = defaultKeyFile()): ContentSealer => createContentSealer(testFieldSealer(db, keyFile));
