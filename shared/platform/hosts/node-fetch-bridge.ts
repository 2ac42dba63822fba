import type { Request as ExpressRequest, Response as ExpressResponse } from '@google-cloud/functions-framework';
import { DomainError } from '../../kernel/index.ts';
import { LightHeaders, LightRequest } from './light-web/index.ts';

const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD';

/** The request's URL; a Host header or target no URL can be made of is the client's error (400), not ours. */
const urlOf = (req: ExpressRequest): URL => {
  const url = URL.parse(`http://${req.headers.host ?? 'localhost'}${req.originalUrl}`);
  if (url === null)
    throw new DomainError('invalid', 'INVALID_REQUEST_TARGET', { detail: 'The Host header or the request target is malformed.' });
  return url;
};

/**
 * Builds a fetch Request from the Functions Framework's request, body from the raw bytes. A light
 * Request: touching Node's own Request, Response or Headers loads undici, which costs a cold
 * instance ~10 % of a bare framework start (the Knative bundles give Hono the light Response too).
 */
export const toFetchRequest = (req: ExpressRequest): Request => {
  const headers = new LightHeaders();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const body = hasBody(req.method) && req.rawBody ? new Uint8Array(req.rawBody) : undefined;
  return new LightRequest(urlOf(req), { method: req.method, headers, body });
};

/** Copies a fetch Response onto the Functions Framework's response. */
export const writeFetchResponse = async (response: Response, res: ExpressResponse): Promise<void> => {
  res.status(response.status);
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
};
