import { canonicalJson, type Digest } from './chain.ts';
import type { PersonalFields } from './entry.ts';

/**
 * The clear personal values of one entry, kept apart from the chain (the sidecar) so that erasing
 * them leaves the chain intact. The salt makes the hash useless for guessing (an IPv4 address
 * has only 2³² values): without the sidecar nobody can tell which values the hash covered.
 */
export interface PersonalRecord {
  /** The entry's idempotency key: entry and sidecar are found by it. */
  key: string;
  subjectId: string | null;
  salt: string;
  values: PersonalFields;
}

/** A fresh salt: 16 random bytes, base64url. */
export const newSalt = (): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
};

/** What the chain holds for the personal values: SHA-256 over the canonical JSON of salt and values. */
export const personalHash = (record: Pick<PersonalRecord, 'salt' | 'values'>, digest: Digest): string =>
  digest(canonicalJson({ salt: record.salt, values: record.values }));

export const hasPersonalValues = (values: PersonalFields | undefined): values is PersonalFields =>
  values !== undefined && Object.values(values).some((value) => value !== undefined && value !== '');
