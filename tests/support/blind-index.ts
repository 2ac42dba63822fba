import { createEmailIndex, type EmailIndex } from '../../shared/infra/crypto/blind-index.ts';
import { blindIndexConfig } from '../../shared/infra/privacy/privacy-config.ts';
import { loadConfig } from '../../shared/platform/config/index.ts';

/** The blind index of an address under the key the apps of `env` use (records keep it instead of the address). */
export const emailIndexIn = (env: Record<string, string | undefined>): EmailIndex =>
  createEmailIndex(Buffer.from(loadConfig([blindIndexConfig], { APP_ENV: 'development', ...env }).PRIVACY_BLIND_INDEX_KEY, 'base64'));

/** The blind-index key the apps of `env` use, base64 (what `db:migrate` is given). */
export const blindIndexKeyIn = (env: Record<string, string | undefined>): string =>
  loadConfig([blindIndexConfig], { APP_ENV: 'development', ...env }).PRIVACY_BLIND_INDEX_KEY;
