const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A random, URL-safe id with a type prefix, e.g. `usr_3k9…` (20 characters of Crockford base32,
 * 100 bits of randomness from the Web Crypto API).
 */
export const newId = (prefix: string): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(20));
  let body = '';
  for (const byte of bytes) body += alphabet[byte & 31];
  return `${prefix}_${body}`;
};
