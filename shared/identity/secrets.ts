/**
 * A random opaque secret (refresh tokens, CSRF tokens, e-mail links): 32 bytes from the Web Crypto
 * API, base64url without padding, behind a short prefix that says what it is.
 */
export const newSecret = (prefix: string): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  return `${prefix}_${base64.replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')}`;
};

/** Compares two secrets in time independent of where they first differ. */
export const secretsEqual = (a: string, b: string): boolean => {
  if (a.length !== b.length || a.length === 0) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
};
