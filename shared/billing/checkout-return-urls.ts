/**
 * Whether `url` may be handed to the payment provider as a redirect target: an absolute http(s)
 * URL whose origin is exactly one of `origins` (no userinfo, so `https://app@evil.test` fails).
 * Keeps Checkout and the portal from becoming an open redirect.
 */
export const isAllowedReturnUrl = (url: string, origins: readonly string[]): boolean => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return origins.includes(parsed.origin);
};

/** Parses a comma-separated origin list (`BILLING_RETURN_URL_ORIGINS`) into normalised origins; throws on a non-origin. */
export const parseOrigins = (list: string): string[] =>
  list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const parsed = new URL(entry);
      if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || `${parsed.origin}` !== entry.replace(/\/$/, '')) {
        throw new Error(`${entry} is not an origin (scheme://host[:port])`);
      }
      return parsed.origin;
    });
