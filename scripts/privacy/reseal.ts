import { readFileSync } from 'node:fs';
import { auditSealedFields, authSealedFields, resealFields, type ResealReport } from '../../shared/infra/crypto/kek-reseal.ts';
import { keyListSchema, keyringOf } from '../../shared/infra/crypto/keyring.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';

const variables = { auth: 'AUTH_KEY_ENCRYPTION_KEY', audit: 'AUDIT_KEY_ENCRYPTION_KEY' } as const;
export type ResealKey = keyof typeof variables;

/** A variable's value, or the content of the file `<NAME>_FILE` names (a mounted secret). */
const valueOf = (env: Record<string, string | undefined>, name: string): string | undefined => {
  const file = env[`${name}_FILE`];
  const value = file ? readFileSync(file, 'utf8').trim() : env[name]?.trim();
  return value ? value : undefined;
};

/**
 * `reseal --key auth|audit`: re-seals what the key-encryption key seals under the first key of
 * `<NAME>` (`new,old`, as the functions hold it during a rotation; or its `<NAME>_FILE`) from the others.
 */
export const reseal = async (key: ResealKey, env: Record<string, string | undefined>): Promise<ResealReport> => {
  const name = variables[key];
  const value = valueOf(env, name);
  if (!value || !keyListSchema.safeParse(value).success)
    throw new Error(`reseal --key ${key} needs ${name} (or ${name}_FILE) = new,old: 32-byte base64 keys`);
  const ring = keyringOf(value);
  if (ring.others.length === 0) throw new Error(`${name} holds one key: give new,old (the key to seal under first)`);
  const runtime = createRuntime({ name: 'privacy-reseal', uses: [mongo] }, { APP_ENV: 'development', LOG_LEVEL: 'warn', ...env });
  try {
    return await resealFields(
      runtime.use(mongo).db,
      { from: ring.others, to: ring.current },
      key === 'auth' ? authSealedFields : auditSealedFields,
    );
  } finally {
    await runtime.close();
  }
};

export const isResealKey = (value: string | undefined): value is ResealKey => value === 'auth' || value === 'audit';
