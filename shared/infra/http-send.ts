import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpSendOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/**
 * Sends one small request and resolves with the status code (the body is discarded). Plain
 * node:http on purpose: the first `fetch` of a process loads and compiles Node's undici client,
 * about 13 ms of every cold start that only needs a status code. Rejects on network errors.
 */
export const httpSend = (url: string, options: HttpSendOptions = {}): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, { method: options.method ?? 'GET', headers: options.headers, signal: options.signal }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(options.body);
  });
