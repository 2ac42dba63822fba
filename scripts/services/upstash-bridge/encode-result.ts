export type ResultEncoding = 'base64' | 'utf8';

/**
 * Turns a Redis reply (as ioredis returns it with Buffer replies) into the JSON value the
 * Upstash REST API sends. With `base64` (the header `Upstash-Encoding: base64`, which
 * `@upstash/redis` sends by default) every string at any depth is the base64 of its bytes;
 * numbers and `null` stay as they are. With `utf8`, strings are sent as text.
 */
export function encodeResult(reply: unknown, encoding: ResultEncoding): unknown {
  if (Buffer.isBuffer(reply)) return reply.toString(encoding);
  if (typeof reply === 'string') return encoding === 'base64' ? Buffer.from(reply).toString('base64') : reply;
  if (Array.isArray(reply)) return reply.map((item) => encodeResult(item, encoding));
  // An error nested in a reply (e.g. inside a script's table) travels as its message.
  if (reply instanceof Error) return encodeResult(reply.message, encoding);
  if (typeof reply === 'bigint') return Number(reply);
  if (reply === undefined) return null;
  return reply;
}

/** The encoding a request asks for through its `Upstash-Encoding` header. */
export function requestedEncoding(header: string | string[] | undefined): ResultEncoding {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.trim().toLowerCase() === 'base64' ? 'base64' : 'utf8';
}
