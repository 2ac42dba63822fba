import { request as httpRequest } from 'node:http';
import type * as Https from 'node:https';

// node:https loads node:tls, which takes Node 24 10-50 ms: only the first https request pays for it.
let https: typeof Https | undefined;

export interface HttpSendOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  /** The body as UTF-8 text (small answers only: probes, the broker, Redis commands). */
  body: string;
}

/**
 * Sends one small request and resolves with the status and body. Plain node:http on purpose: the
 * first `fetch` of a process loads and compiles Node's undici client, about 13 ms of every cold
 * start that only needs a status or a short JSON answer. Rejects on network errors.
 */
export const httpSend = (url: string, options: HttpSendOptions = {}): Promise<HttpAnswer> =>
  new Promise<HttpAnswer>((resolve, reject) => {
    const send = url.startsWith('https:') ? (https ??= process.getBuiltinModule('node:https')).request : httpRequest;
    const req = send(url, { method: options.method ?? 'GET', headers: options.headers, signal: options.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(options.body);
  });
