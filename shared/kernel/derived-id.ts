const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

const sha256 = async (text: string): Promise<Uint8Array> =>
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/** JSON with object keys sorted at every depth, so equal values give equal text whatever the key order. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

/**
 * An id of `newId`'s shape (`job_` + 20 base32 characters) derived from `parts` by SHA-256, so the
 * same parts always name the same thing: a retried request finds what its first attempt made.
 * Parts are length-prefixed, so no two different lists join to the same text.
 */
export const derivedId = async (prefix: string, parts: readonly string[]): Promise<string> => {
  const bytes = await sha256(parts.map((part) => `${part.length}:${part}`).join('|'));
  let body = '';
  for (const byte of bytes.subarray(0, 20)) body += alphabet[byte & 31];
  return `${prefix}_${body}`;
};

/** The SHA-256 (hex) of a value's canonical JSON: what a request asked for, to compare with a retry. */
export const contentHash = async (value: unknown): Promise<string> =>
  Array.from(await sha256(canonicalJson(value)), (byte) => byte.toString(16).padStart(2, '0')).join('');
