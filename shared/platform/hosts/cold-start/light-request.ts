import { extractBody, headersFor, LightBody } from './light-body.ts';
import type { LightHeaders } from './light-headers.ts';

const normalizedMethods = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH']);
const forbiddenMethods = new Set(['CONNECT', 'TRACE', 'TRACK']);

const methodOf = (method = 'GET'): string => {
  const upper = method.toUpperCase();
  if (forbiddenMethods.has(upper)) throw new TypeError(`Request: "${method}" HTTP method is unsupported.`);
  return normalizedMethods.has(upper) ? upper : method;
};

/**
 * The Fetch standard's `Request` as the Knative host hands it to Hono, without undici (see
 * `LightHeaders`): URL parsed and serialized, method normalized, no body on GET or HEAD, the body
 * read once. The fields a server never uses (cache, mode, credentials…) keep their defaults.
 * Only the host builds these; outgoing `fetch` calls keep using Node's own Request.
 */
export class LightRequest extends LightBody implements Request {
  readonly url: string;
  readonly method: string;
  readonly headers: LightHeaders;
  readonly cache: RequestCache = 'default';
  readonly credentials: RequestCredentials = 'same-origin';
  readonly destination: RequestDestination = '';
  readonly integrity = '';
  readonly keepalive = false;
  readonly mode: RequestMode = 'cors';
  readonly redirect: RequestRedirect = 'follow';
  readonly referrer = 'about:client';
  readonly referrerPolicy: ReferrerPolicy = '';
  readonly duplex = 'half';
  #signal: AbortSignal | undefined;

  constructor(input: string | URL, init: RequestInit = {}) {
    const method = methodOf(init.method);
    if (init.body != null && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
    const { payload, contentType } = extractBody(init.body);
    super(payload);
    this.url = new URL(input).href;
    this.method = method;
    this.headers = headersFor(init.headers, contentType);
    this.#signal = init.signal ?? undefined;
  }

  /** Never aborted unless the creator passed a signal: the host has the whole body before it calls the app. */
  get signal(): AbortSignal {
    return (this.#signal ??= new AbortController().signal);
  }

  clone(): LightRequest {
    const copy = new LightRequest(this.url, { method: this.method, headers: this.headers, signal: this.#signal ?? null });
    copy.adopt(this.payloadForClone());
    return copy;
  }
}
