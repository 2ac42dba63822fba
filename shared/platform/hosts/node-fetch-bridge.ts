import type { Request as ExpressRequest, Response as ExpressResponse } from '@google-cloud/functions-framework';
import { DomainError } from '../../kernel/index.ts';
import { LightHeaders, LightRequest } from './cold-start/index.ts';

const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD';

/**
 * Builds a fetch Request from the Functions Framework's request, body from the raw bytes. A light
 * Request: touching Node's own Request, Response or Headers loads undici, which costs a cold
 * instance ~10 % of a bare framework start (the Knative bundles give Hono the light Response too).
 */
export const toFetchRequest = (req: ExpressRequest): Request => {
  try {
    const headers = new LightHeaders();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    const body = hasBody(req.method) && req.rawBody ? new Uint8Array(req.rawBody) : undefined;
    return new LightRequest(`http://${req.headers.host ?? 'localhost'}${req.originalUrl}`, { method: req.method, headers, body });
  } catch (cause) {
    // Node's parser let it through, but no fetch Request can express it (a malformed Host, a TRACE
    // or CONNECT method): the client's error (400), not ours.
    throw new DomainError('invalid', 'INVALID_REQUEST', { detail: 'The request method, Host header or target is not acceptable.', cause });
  }
};

const isEventStream = (response: Response) => (response.headers.get('content-type') ?? '').startsWith('text/event-stream');

/** Writes an event stream chunk by chunk as it is produced; a client that goes away cancels it. */
const streamBody = async (body: ReadableStream<Uint8Array>, res: ExpressResponse): Promise<void> => {
  const reader = body.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  res.flushHeaders();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) res.write(Buffer.from(read.value));
  } finally {
    res.end();
  }
};

/** Copies a fetch Response onto the Functions Framework's response; an event stream is streamed, anything else sent whole. */
export const writeFetchResponse = async (response: Response, res: ExpressResponse): Promise<void> => {
  res.status(response.status);
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.body && isEventStream(response)) return streamBody(response.body, res);
  res.end(Buffer.from(await response.arrayBuffer()));
};
