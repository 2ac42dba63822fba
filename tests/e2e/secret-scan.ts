/** Secrets a test saw on the wire, by kind, to look for in logs afterwards. */
export type SeenSecrets = Record<'password' | 'accessToken' | 'refreshToken' | 'apiKey' | 'cookie', Set<string>>;

export const newSeenSecrets = (): SeenSecrets => ({
  password: new Set(),
  accessToken: new Set(),
  refreshToken: new Set(),
  apiKey: new Set(),
  cookie: new Set(),
});

/** Records every cookie value a response sets (refresh token, CSRF token). */
export const rememberCookies = (seen: SeenSecrets, response: Response): void => {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    const value = pair.slice(pair.indexOf('=') + 1);
    if (value.length >= 8) seen.cookie.add(value);
  }
};

/**
 * Lines that contain a secret, reported by kind and line number only (never the secret). An
 * access token is also looked for by its signature alone, in case a log cut it up.
 */
export const findLeaks = (lines: readonly string[], seen: SeenSecrets): string[] => {
  const needles = Object.entries(seen).flatMap(([kind, values]) =>
    [...values].flatMap((value) => {
      const signature = kind === 'accessToken' ? value.split('.')[2] : undefined;
      return signature
        ? [
            { kind, value },
            { kind: `${kind} signature`, value: signature },
          ]
        : [{ kind, value }];
    }),
  );
  return lines.flatMap((line, index) =>
    needles.filter(({ value }) => line.includes(value)).map(({ kind }) => `${kind} in log line ${index + 1}`),
  );
};
