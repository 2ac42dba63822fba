import { request as httpRequest, type IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import { LightHeaders } from './light-headers.ts';
import { LightRequest } from './light-request.ts';
import { LightResponse } from './light-response.ts';

// node:https loads node:tls (10-50 ms on Node 24): only an https URL pays for it.
let https: typeof Https | undefined;

const nullBodyStatuses = new Set([204, 205, 304]);

const requestOf = (input: string | URL | Request, init: RequestInit | undefined): LightRequest => {
  if (typeof input === 'string' || input instanceof URL) return new LightRequest(input, init);
  if (input instanceof LightRequest && init === undefined) return input;
  throw new TypeError('lightFetch takes a URL, or a LightRequest without an init');
};

const responseOf = (res: IncomingMessage, body: Buffer, method: string): LightResponse => {
  const headers = new LightHeaders();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  const status = res.statusCode ?? 0;
  const empty = method === 'HEAD' || nullBodyStatuses.has(status);
  // A copy the response owns (a Buffer may share a pooled ArrayBuffer).
  return new LightResponse(empty ? null : Uint8Array.from(body), {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  });
};

/**
 * `fetch` over node:http(s) and the light classes, for the one client library the Knative bundles
 * point at it (the Chroma SDK: `scripts/build/light-web.ts`), so that its calls never load undici
 * (~20 ms of a cold start). It does what that client needs of fetch and no more: method, headers
 * and a body sent whole; status, headers and a body read whole. Unlike Node's fetch it follows no
 * redirect (a 3xx is answered as is), asks for no compression (no Accept-Encoding is sent), and
 * takes a Request only without an init. A network failure rejects with `TypeError('fetch failed')`
 * (its `cause` the socket's error), as Node's fetch does; an aborted signal rejects with its reason.
 */
export const lightFetch = async (input: string | URL | Request, init?: RequestInit): Promise<LightResponse> => {
  const request = requestOf(input, init);
  const { signal } = request;
  signal.throwIfAborted();
  const body = request.body === null ? undefined : Buffer.from(await request.bytes());
  const url = new URL(request.url);
  const send = url.protocol === 'https:' ? (https ??= process.getBuiltinModule('node:https')).request : httpRequest;
  return new Promise<LightResponse>((resolve, reject) => {
    // The signal's reason is what fetch rejects with (an AbortError or TimeoutError DOMException).
    const failed = (cause: unknown) => reject(signal.aborted ? (signal.reason as Error) : new TypeError('fetch failed', { cause }));
    const req = send(url, { method: request.method, headers: Object.fromEntries(request.headers), signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        try {
          resolve(responseOf(res, Buffer.concat(chunks), request.method));
        } catch (error) {
          // A status no Response can carry: Node's fetch fails the same way.
          failed(error);
        }
      });
      res.once('error', failed);
    });
    req.once('error', failed);
    req.end(body);
  });
};
