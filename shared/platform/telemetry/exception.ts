/** What `span.recordException` takes, from whatever was thrown (a driver can throw a plain object). */
export const asException = (error: unknown): Error | string =>
  error instanceof Error ? error : (JSON.stringify(error) ?? 'unknown error');
